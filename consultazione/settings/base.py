"""Settings shared by every environment; everything that varies comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .caches import caches, channel_layers
from .database import databases, postgresql_pool

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The body that runs the consultation, shown in the slim header and in open-data licences.
BODY_NAME = env("BODY_NAME", "Città metropolitana di Torino")
BODY_URL = env("BODY_URL", "https://www.cittametropolitana.torino.it/")
BODY_IPA_CODE = env("BODY_IPA_CODE", "cmto")  # code in the Indice PA: publisher of the open-data catalogue
PLATFORM_NAME = env("PLATFORM_NAME", "Consultazione PSM")
PLATFORM_TAGLINE = _("Il Piano Strategico Metropolitano si scrive insieme")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.forms",
]
THIRD_PARTY_APPS = [
    "channels",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
]
LOCAL_APPS = [
    "consultazione.core",
    "consultazione.accounts",
    "consultazione.territory",
    "consultazione.stakeholders",
    "consultazione.plan",
    "consultazione.process",
    "consultazione.notifications",
    "consultazione.contributions",
    "consultazione.moderation",
    "consultazione.voting",
    "consultazione.meetings",
    "consultazione.live",
    "consultazione.monitoring",
    "consultazione.reports",
    "cms",
    "consultazione.ops",
    "api",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous public pages from the cache, before session, auth and CSRF run (core/pagecache.py).
    "consultazione.core.pagecache_middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with a signed-in person's account row read once per change of it (accounts/sessions.py).
    "consultazione.accounts.sessions.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # NUL bytes, unpaired surrogates and deep JSON get a 400 before any view or query (core.input).
    "consultazione.core.middleware.MalformedInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a locked-out login into the 429 page
    # Signed-in people get shared pages with their personal parts filled in (core/personal.py).
    "consultazione.core.personal_middleware.SignedInPageMiddleware",
]

ROOT_URLCONF = "consultazione.urls"
WSGI_APPLICATION = "consultazione.wsgi.application"
ASGI_APPLICATION = "consultazione.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cms.context_processors.site",
            ],
            "builtins": ["consultazione.core.templatetags.machine_dates"],
        },
    },
]

from .csp import CONTENT_SECURITY_POLICY  # noqa: E402, F401 - in its own module

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the API's session auth reads it from JS islands

# Project templates override Django's form templates: every form renders with Bootstrap Italia markup.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = databases(env, BASE_DIR)
postgresql_pool(DATABASES, env_bool("DB_POOL", False), env)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
CHANNEL_LAYERS = channel_layers(REDIS_URL)
CACHES = caches(REDIS_URL, env, BASE_DIR)
# Sessions read from the shared Redis cache (written through to the database) when there is one:
# a signed-in page costs no session query. Never from a per-worker memory cache (a logout in one
# worker would not reach the others).
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if REDIS_URL else "db")

# Anonymous public pages served from the cache above, invalidated by events (core/pagecache.py,
# docs/performance.md#page-cache). TIMEOUT only bounds memory: freshness comes from the events.
PAGE_CACHE = {
    "ENABLED": env_bool("PAGE_CACHE_ENABLED", True),
    "TIMEOUT": int(env("PAGE_CACHE_TIMEOUT", "3600")),
    "FRAGMENT_TIMEOUT": int(env("PAGE_CACHE_FRAGMENT_TIMEOUT", "3600")),
    # People with a session get the shared page with their personal parts (core/personal.py).
    "SIGNED_IN": env_bool("PAGE_CACHE_SIGNED_IN", True),
    "PAGES": "pages",
    "VERSIONS": "page_versions",
    "FRAGMENTS": "fragments",
}

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out client before any password check
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# A CMS page reserved to signed-in people sends a visitor to the site's own sign-in (email, SPID,
# CIE), not to Wagtail's bare login form at /_util/login/.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
# A page with a shared password asks for it in the site's own layout (Wagtail's default is a bare
# HTML page with no viewport); the admin shows Wagtail's own avatar, not Gravatar's (which the
# Content-Security-Policy refuses, and which would tell Gravatar who edits the site).
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "cms/password_required.html"  # noqa: S105 - a template, not a password
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# django-allauth: email is the login, the public name is a pseudonym chosen at sign-up.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Confirming the email right after signing up (same browser session) signs the person in and
# lands on the home page, which says what the current phase allows (accounts.adapter.post_login).
# From another browser the link still confirms and leads to the login page: allauth only logs in
# when the sign-up is in the session, so a leaked link never signs anyone in.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_FORMS = {"signup": "consultazione.accounts.forms.SignupForm"}
ACCOUNT_ADAPTER = "consultazione.accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login_failed": None,  # failed logins: the one lockout policy below (django-axes), for every door
    "signup": "10/h/ip",
    "confirm_email": "3/3m/key",
}

# --- Client address, login lockout, public address (docs/security.md, items 3, 4 and 12) -----------
# Our own reverse proxies (addresses or networks); empty = X-Forwarded-For is never read.
# consultazione.core.clientip.client_ip() is the one place a client address comes from.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# One lockout policy for every door that takes a password (consultazione/accounts/lockout.py).
AXES_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))  # per account and address
LOGIN_FAILURE_LIMIT_PER_ADDRESS = int(env("LOGIN_FAILURE_LIMIT_PER_ADDRESS", "30"))  # any accounts
AXES_COOLOFF_TIME = timedelta(minutes=int(env("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # no record of every successful login (personal data, no use)
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "login", "email"]
AXES_HANDLER = "consultazione.accounts.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "consultazione.core.clientip.client_ip"
AXES_USERNAME_CALLABLE = "consultazione.accounts.lockout.login_name"
AXES_LOCKOUT_CALLABLE = "consultazione.accounts.lockout.lockout_response"
# SITE_URL (above) is the public address: the Sites framework's row (the name and domain in emails)
# is synced from it and PLATFORM_NAME on every migrate and seed (consultazione/core/sites.py).

# --- SPID and CIE sign-in (SAML2, AgID profiles; docs/deploy.md "SPID e CIE") -------------------------
# Off by default: the embedded default and the demo keep email sign-up only.
SPID_ENABLED = env_bool("SPID_ENABLED")
CIE_ENABLED = env_bool("CIE_ENABLED")
# The SP's signing key and certificate (PEM), shared by the SPID and CIE metadata
# (`manage.py saml_keys` makes a development pair with the AgID extensions).
SAML_KEY_FILE = env("SAML_KEY_FILE", str(BASE_DIR / "saml" / "sp.key"))
SAML_CERT_FILE = env("SAML_CERT_FILE", str(BASE_DIR / "saml" / "sp.crt"))
# Entity ids: empty = the metadata's address under SITE_URL (…/accesso/spid/metadata/).
SPID_SP_ENTITY_ID = env("SPID_SP_ENTITY_ID", "")
CIE_SP_ENTITY_ID = env("CIE_SP_ENTITY_ID", "")
# The identity providers: AgID's registry (https://registry.spid.gov.it/entities-idp) and the CIE
# IdP's metadata, downloaded to these files.
SPID_IDP_METADATA_FILE = env("SPID_IDP_METADATA_FILE", str(BASE_DIR / "saml" / "spid-idps.xml"))
CIE_IDP_METADATA_FILE = env("CIE_IDP_METADATA_FILE", str(BASE_DIR / "saml" / "cie-idp.xml"))
# SPID level asked for (1, 2 or 3: https://www.spid.gov.it/SpidL<n>); levels above 1 force a new login.
SPID_LEVEL = int(env("SPID_LEVEL", "2"))
# Contact in the metadata (AgID asks for an email; the phone is optional) and, for CIE, the ISTAT
# code of the body's comune. The IPA code is BODY_IPA_CODE.
SAML_CONTACT_PHONE = env("SAML_CONTACT_PHONE", "")
CIE_MUNICIPALITY_CODE = env("CIE_MUNICIPALITY_CODE", "001272")
# Key of the HMAC under which a fiscal code is stored (never in clear). Must stay the same for the
# life of the site: changing it unlinks every SPID/CIE identity. Defaults to SECRET_KEY.
FISCAL_CODE_HASH_KEY = env("FISCAL_CODE_HASH_KEY") or SECRET_KEY
# Sign-ins started plus answers posted, per client address ("events/seconds"): each runs xmlsec.
SAML_RATE = env("SAML_RATE", "30/60")
# pysaml2 calls this binary to sign and verify.
SAML_XMLSEC_BINARY = env("SAML_XMLSEC_BINARY", "/usr/bin/xmlsec1")

LANGUAGE_CODE = "it"
LANGUAGES = [("it", _("Italiano")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("it", "Italiano")]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "frontend" / "dist"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The app serves /media/ itself only in development or with SERVE_MEDIA (no nginx in front); it then
# sends nginx's headers: nosniff, a sandboxing CSP, attachment for anything but images (core/media.py).
SERVE_MEDIA = env_bool("SERVE_MEDIA")
# Pillow refuses to decode more pixels than this anywhere in the process (DecompressionBombError
# past twice the value, a warning past it; core/apps.py sets it). Contribution images have their
# own, lower limit, checked from the header (CONTRIBUTION_IMAGE_MAX_MEGAPIXELS); Wagtail's staff
# images are checked by Wagtail against WAGTAILIMAGES_MAX_IMAGE_PIXELS.
PILLOW_MAX_IMAGE_PIXELS = int(env("PILLOW_MAX_IMAGE_PIXELS", str(64_000_000)))

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "partecipazione@localhost")

WAGTAIL_SITE_NAME = PLATFORM_NAME
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []  # every document is a download (Wagtail adds nosniff and a CSP)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = PILLOW_MAX_IMAGE_PIXELS
SITE_ID = 1

from .api import REST_FRAMEWORK, SPECTACULAR_SETTINGS  # noqa: E402, F401 - the API's settings, in their own module

# Product settings (each app documents its own in README).
CONTRIBUTION_EDIT_WINDOW_MINUTES = int(env("CONTRIBUTION_EDIT_WINDOW_MINUTES", "30"))
# Uploads (docs/contributions.md): size from the header before decoding, attempts and decoded
# megapixels per person per hour ("events/seconds").
CONTRIBUTION_IMAGE_MAX_MEGAPIXELS = int(env("CONTRIBUTION_IMAGE_MAX_MEGAPIXELS", "24"))
CONTRIBUTION_IMAGE_MAX_SIDE = int(env("CONTRIBUTION_IMAGE_MAX_SIDE", "8000"))
CONTRIBUTION_UPLOAD_RATE = env("CONTRIBUTION_UPLOAD_RATE", "20/3600")
CONTRIBUTION_IMAGE_MEGAPIXEL_RATE = env("CONTRIBUTION_IMAGE_MEGAPIXEL_RATE", "200/3600")
COMMENT_EDIT_WINDOW_MINUTES = int(env("COMMENT_EDIT_WINDOW_MINUTES", "15"))
MODERATION_AUTO_HIDE_REPORTS = int(env("MODERATION_AUTO_HIDE_REPORTS", "3"))
CREATE_DEMO_ADMIN = False
OPEN_DATA_LICENCE = "CC-BY-4.0"

# pysaml2 logs whole SAML responses (fiscal codes included) on errors and at DEBUG: never let them
# reach the logs (production.py uses the same entries); accounts.saml logs its own refusals
# without the document.
SAML_SILENT_LOGGERS = {"saml2": {"level": "CRITICAL"}, "djangosaml2": {"level": "CRITICAL"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        **SAML_SILENT_LOGGERS,
    },
}

# The metadata's contact email (AgID asks for one): the outgoing address unless set.
SAML_CONTACT_EMAIL = env("SAML_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)
