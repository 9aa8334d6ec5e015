"""Site-wide routes: health check, profile, allauth, language, Wagtail's front end, and a few
representative URLs of the two admin sites (plus every project view mounted inside them)."""

from consultazione.notifications.tokens import unsubscribe_token

from .walker import row


def unsubscribe_of(user_attr: str):
    return lambda w: {"token": unsubscribe_token(getattr(w, user_attr), ["contribution_comment"])}


ROWS = [
    #                                                   anonymous citizen moderator facilitator staff
    row("healthz", get="200 200 200 200 200"),
    row("favicon", get="301 301 301 301 301"),
    # uploaded files served by the app (SERVE_MEDIA; nginx in production): a published restituzione PDF
    row("media", lambda w: {"path": w.meeting_report.published_pdf.name}, get="200 200 200 200 200"),
    # accounts (project)
    row("accounts:profile", get="login 200 200 200 200"),
    row("accounts:download_data", get="login 200 200 200 200"),
    # changing the pseudonym: only one's own (the walker posts an empty form: a form error, nothing saved)
    row("accounts:change_pseudonym", get="login 405 405 405 405", post="login 400 400 400 400"),
    row("accounts:delete_account", get="login 405 405 405 405", post="login 400 400 400 400"),
    # notifications: one's own preferences (an empty form is a 400); the signed unsubscribe link works
    # for whoever holds it, signed in or not (GET confirms, POST switches off), and a forged one is a 400
    row("notifications:preferences", get="login 200 200 200 200", post="login 400 400 400 400"),
    row("notifications:unsubscribe", unsubscribe_of("author"), get="200 200 200 200 200", post="200 200 200 200 200"),
    row(
        "notifications:unsubscribe[forged]",
        lambda w: {"token": "e30:forged:token"},
        get="400 400 400 400 400",
        post="400 400 400 400 400",
    ),
    # process phases (staff)
    row("process:manage", lambda w: {"slug": w.process.slug}, get="login 403 403 403 200"),
    row("process:phase_activate", lambda w: {"slug": w.process.slug}, get="405 405 405 405 405", post="login 403 403 403 302"),
    # allauth
    # SPID/CIE sign-in (accounts.saml): off by default, so every URL is a 404 (405 for a wrong method)
    row("saml:login", lambda w: {"method": "spid"}, get="404 404 404 404 404"),
    row("saml:metadata", lambda w: {"method": "spid"}, get="404 404 404 404 404"),
    row("saml:acs", lambda w: {"method": "spid"}, get="405 405 405 405 405", post="404 404 404 404 404"),
    row("saml:slo", lambda w: {"method": "cie"}, get="405 405 405 405 405", post="404 404 404 404 404"),
    row("saml:unlink", lambda w: {"method": "spid"}, get="405 405 405 405 405", post="404 404 404 404 404"),
    row("saml:finish", get="404 404 404 404 404"),
    row("saml:signup", get="404 404 404 404 404", post="404 404 404 404 404"),
    row("account_login", get="200 302 302 302 302", post="200 302 302 302 302"),
    row("account_logout", get="302 200 200 200 200", post="302 302 302 302 302"),
    row("account_inactive", get="200 200 200 200 200"),
    row("account_signup", get="200 302 302 302 302", post="200 302 302 302 302"),
    row("account_reauthenticate", get="login 200 200 200 200"),
    row("account_email", get="login 200 200 200 200", post="login 302 302 302 302"),
    row("account_email_verification_sent", get="200 200 200 200 200"),
    row("account_change_password", get="login 200 200 200 200", post="login 200 200 200 200"),
    row("account_set_password", get="login 302 302 302 302"),
    row("account_reset_password", get="200 200 200 200 200", post="200 200 200 200 200"),
    row("account_confirm_login_code", get="login 302 302 302 302"),
    row("account_confirm_email", lambda w: {"key": "chiave-non-valida"}, get="200 200 200 200 200"),
    row("account_reset_password_from_key_done", get="200 200 200 200 200"),
    row("account_reset_password_from_key", lambda w: {"uidb36": "zz", "key": "chiave-non-valida"}, get="200 200 200 200 200"),
    row("account_reset_password_done", get="200 200 200 200 200"),
    # Django i18n
    row("set_language", get="302 302 302 302 302", post="302 302 302 302 302", data=lambda w: {"language": "en", "next": "/"}),
    # Wagtail front end: documents, private pages, the page tree (catch-all route)
    row("wagtaildocs_serve", lambda w: (w.document.pk, w.document.filename), get="200 200 200 200 200"),
    row(
        "wagtaildocs_authenticate_with_password",
        lambda w: {"restriction_id": w.collection_restriction.pk},
        get="200 200 200 200 200",
    ),
    row(
        "wagtailcore_authenticate_with_password",
        lambda w: {"page_view_restriction_id": w.page_restriction.pk, "page_id": w.page_restriction.page_id},
        get="200 200 200 200 200",
    ),
    row("wagtailcore_login", get="200 200 200 200 200"),
    row("wagtail_serve", path=lambda w: "/", get="200 200 200 200 200"),
    row("wagtail_serve[axis page]", path=lambda w: "/piano/asse-1/", get="200 200 200 200 200"),
    row("wagtail_serve[standard page]", path=lambda w: "/privacy/", get="200 200 200 200 200"),
    row("wagtail_serve[restituzione]", path=lambda w: w.restituzione_page_url, get="200 200 200 200 200"),
    row("wagtail_serve[password page]", path=lambda w: w.private_page_url, get="200 200 200 200 200"),
    row("wagtail_serve[missing]", path=lambda w: "/pagina-che-non-esiste/", get="404 404 404 404 404"),
    # Django admin: representatives, then the project's own admin views
    # the staff *role* is not Django's is_staff: both admin sites are for is_staff/superuser accounts only
    row("admin:index", get="login login login login login"),
    row("admin:login", get="200 200 200 200 200"),
    row("admin:accounts_user_changelist", get="login login login login login"),
    row("admin:accounts_user_change", lambda w: {"object_id": w.author.pk}, get="login login login login login"),
    row("admin:contributions_contribution_changelist", get="login login login login login"),
    row("admin:territory_comune_import", get="login login login login login", post="login login login login login"),
    row("admin:monitoring_actiontracking_changelist", get="login login login login login"),
    row("admin:monitoring_actiontracking_import", get="login login login login login", post="login login login login login"),
    row("admin:monitoring_actiontracking_start", get="login login login login login", post="login login login login login"),
    # Wagtail admin: representatives. The staff role publishes in the CMS (cms/permissions.py,
    # given by the seed); users and settings stay with superusers.
    row("wagtailadmin_home", get="login login login login 200"),
    row("wagtailadmin_login", get="200 200 200 200 302"),  # staff are already in: to the dashboard
    row("wagtailadmin_explore_root", get="login login login login 302"),  # to their root, the home page
    row("wagtailadmin_pages:edit", lambda w: {"page_id": w.home_page_id}, get="login login login login 200"),
    row("wagtailimages:index", get="login login login login 200"),
    row("wagtailusers_users:index", get="login login login login 302"),
]
