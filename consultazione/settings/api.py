"""The API's settings: Django REST framework and the OpenAPI document (drf-spectacular)."""

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.StandardPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    # JSON with a depth limit and no NUL bytes or unpaired surrogates (core.input); forms as DRF's.
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.JSONParser",
        "api.parsers.FormParser",
        "api.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Consultazione API",
    "DESCRIPTION": "Public and authenticated API of the participation platform: plan, territory, "
    "processes, contributions, moderation, priorities, meetings, live polls and reports.",
    "VERSION": "1.0.0",
    # OpenAPI 3.1 (JSON Schema 2020-12): a nullable field is `type: [..., "null"]` or `oneOf [..., {"type": "null"}]`,
    # which a strict validator (openapi-core) accepts; 3.0's `nullable` beside `allOf` it does not.
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["api.schema.only_public_api"],
    # Adds the documented error responses: `manage.py spectacular` and /api/schema/ give one document.
    "DEFAULT_GENERATOR_CLASS": "api.schema.SchemaGenerator",
    "ENUM_NAME_OVERRIDES": {
        "ModerationPolicyEnum": "consultazione.process.models.Process.Moderation",
        "MeetingKindEnum": "consultazione.meetings.models.MeetingKind",
        "PhaseKindEnum": "consultazione.process.features.PhaseKind",
        "ContributionKindEnum": "consultazione.contributions.models.ContributionKind",
        "LiveQuestionKindEnum": "consultazione.live.kinds.QuestionKind",
        "LiveVoteOutcomeEnum": "api.live_frames.OUTCOMES",
        "LiveEntryStatusEnum": "consultazione.live.models.EntryStatus",
        "DecisionActionEnum": "consultazione.moderation.models.DecisionAction",
        "TrackingUpdateKindEnum": "consultazione.monitoring.models.updates.UpdateKind",
        "ExportKindEnum": "consultazione.reports.models.ExportKind",
        "ModeratorDecisionEnum": "api.moderation.DECISION_CHOICES",
        "NetiquetteEditReasonEnum": "api.moderation.NETIQUETTE_REASON_CHOICES",
        "ReasonCodeEnum": "consultazione.moderation.reasons.ReasonCode",
        "MembershipStatusEnum": "consultazione.stakeholders.models.Membership.Status",
        "NotificationDeliveryEnum": "consultazione.notifications.kinds.Delivery",
        # The preferences' `outcome` field (a delivery) must not rename the contributions' outcome enum.
        "OutcomeEnum": "consultazione.contributions.models.Outcome",
        "LiveSnapshotFrameTypeEnum": "api.live_frames.SNAPSHOT_TYPE",
        "LiveAckFrameTypeEnum": "api.live_frames.ACK_TYPE",
    },
    # Self-hosted Swagger UI assets (no CDN at runtime).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
