"""``make breaking``: the breaking-change gate between specs/ at a git ref and the working tree.

``operations`` (every operation of a specs folder, keyed by service and operationId/Action), ``rules`` (the rules
table), ``diff`` (walks two sets of operations with it), ``api`` (the generated packages: griffe and mypy),
``report`` (allowlist, markdown, JSON) and ``__main__`` (git, the two layers, the exit code).
"""
