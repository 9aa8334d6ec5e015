"""SPID and CIE sign-in: a SAML2 service provider with the AgID profiles, on pysaml2 + djangosaml2.

methods.py describes each method (SPID, CIE) once; config.py turns it and the settings into a
pysaml2 configuration; metadata.py writes the signed SP metadata; authn.py makes the signed
AuthnRequest and checks the IdP's response; services.py links identities to accounts.
"""
