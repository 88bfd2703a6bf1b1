"""``make bench``: cloudsign against the official Huawei DAS and Alibaba DataWorks SDKs and the httpx/stdlib floors.

One module per job: ``server`` (nginx on 127.0.0.1), ``fixtures`` (the seed inputs), ``floors`` (httpx and
http.client without an SDK), ``peers`` (the official SDKs), ``ours`` (cloudsign), ``sequential``, ``concurrent``,
``signing``, ``cold`` (import + construction in fresh processes), ``venvs`` (isolated virtualenvs and their
installed size), ``stats`` (medians of interleaved repeats and ratios within a repeat), ``report`` (table, JSON,
PNG, Markdown) and ``__main__`` (runs everything in order).
"""
