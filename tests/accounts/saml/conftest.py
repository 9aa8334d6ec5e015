from .fixtures import running_idp, saml_dir, saml_settings, test_idp  # noqa: F401 (fixtures)
