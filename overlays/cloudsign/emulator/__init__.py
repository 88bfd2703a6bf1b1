"""The emulators: local stand-ins for each cloud's API gateway and credential services, driven by the specs.

Behind the ``emulator`` extra (Starlette, uvicorn); the runtime (``cloudsign._core``, the cloud packages,
``cloudsign.errors``) never imports this package. ``cloudsign.testing`` (``emulated()``, ``running``), the pytest
plugin and ``python -m cloudsign.emulate`` do.

* shared machinery: ``state`` (what an emulator keeps), ``call`` (a request as received), ``gateway`` (what each
  cloud does its own way), ``handler`` (the one spec-driven handler), ``answers`` (success bodies from the spec),
  ``resources`` (``x-cloudsign-resource`` lifecycles), ``faults``, ``nonces``, ``replies``, ``app`` (Starlette,
  uvicorn); ``identity`` for the credential-service stand-ins;
* per cloud: ``huaweicloud`` / ``alibabacloud`` (the API gateway) and ``huaweicloud_identity`` /
  ``alibabacloud_identity`` (metadata services, STS, IAM). The verifiers stay next to their cloud's signer, in the
  runtime: both read the same canonical form, which one module decides.
"""
