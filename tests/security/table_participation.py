"""Contributions, moderation and priorities (/contributi/, /moderazione/, /priorita/)."""

from .walker import pk, row


def ref(contribution_attr: str):
    return lambda w: {"reference": getattr(w, contribution_attr).reference}


def comment_of(comment_attr: str):
    return lambda w: {"reference": w.contribution.reference, "comment_id": getattr(w, comment_attr).pk}


ROWS = [
    #                                                   anonymous citizen moderator facilitator staff
    # contributions
    row("contributions:list", get="200 200 200 200 200"),
    row("contributions:create", get="login 200 200 200 200", post="login 400 400 400 400"),
    row("contributions:facilitated_create", get="login 403 403 200 200", post="login 403 403 400 400"),
    row("contributions:similar", query="title=treni", get="200 200 200 200 200"),
    row("contributions:detail", ref("contribution"), get="200 200 200 200 200"),
    # pending content: its author, moderators and staff only; 404 to everyone else
    row("contributions:detail[pending]", ref("pending"), get="404 404 200 404 200"),
    # merged after publication: readable by everyone, with the notice linking the kept contribution
    row("contributions:detail[merged]", ref("merged"), get="200 200 200 200 200"),
    # editing someone else's words: 403 for everybody, staff and superusers included (the author past the
    # edit window is sent back to the contribution with a message); withdrawing: back with a message
    row("contributions:edit", ref("contribution"), get="login 403 403 403 403", post="login 403 403 403 403"),
    row("contributions:edit[own]", ref("own"), get="login 200 403 403 403", post="login 400 403 403 403"),
    row("contributions:withdraw", ref("contribution"), get="login 302 302 302 302", post="login 302 302 302 302"),
    row("contributions:withdraw[own]", ref("own"), get="login 200 302 302 302", post="login 302 302 302 302"),
    # following: signed-in people who may read it (back to the page with a message); 404 where it is not readable
    row("contributions:follow", ref("contribution"), get="405 405 405 405 405", post="login 302 302 302 302"),
    row("contributions:follow[pending]", ref("pending"), get="405 405 405 405 405", post="404 404 302 404 302"),
    row("contributions:unfollow", ref("contribution"), get="405 405 405 405 405", post="login 302 302 302 302"),
    row("contributions:comment_create", ref("contribution"), get="login 405 405 405 405", post="login 400 400 400 400"),
    row("contributions:comment_create[pending]", ref("pending"), post="login 404 400 404 400"),
    row("contributions:comment_replies", comment_of("comment"), get="200 200 200 200 200"),
    row("contributions:comment_replies[pending]", comment_of("pending_comment"), get="404 404 404 404 404"),
    row("contributions:comment_edit", comment_of("comment"), get="login 403 403 403 403", post="login 403 403 403 403"),
    row("contributions:comment_edit[own]", comment_of("own_comment"), get="login 200 403 403 403", post="login 400 403 403 403"),
    row("contributions:comment_delete", comment_of("comment"), get="login 405 405 405 405", post="login 302 302 302 302"),
    row(
        "contributions:comment_delete[own]", comment_of("own_comment"), get="login 405 405 405 405", post="login 302 302 302 302"
    ),
    # moderation
    row("moderation:queue", get="login 403 200 403 200"),
    row("moderation:bulk_decide", get="login 405 405 405 405", post="login 403 400 403 400"),
    row("moderation:audit_log", get="login 403 200 403 200"),
    row("moderation:reasons", get="200 200 200 200 200"),
    row("moderation:contribution", pk("contribution"), get="login 403 200 403 200", post="login 403 400 403 400"),
    # 409: there is no open report to dismiss
    row("moderation:contribution_dismiss", pk("contribution"), get="login 405 405 405 405", post="login 403 409 403 409"),
    # the netiquette edit (the form is on the review page; an empty one is a 400)
    row("moderation:contribution_edit", pk("contribution"), get="login 405 405 405 405", post="login 403 400 403 400"),
    row("moderation:comment_edit", pk("comment"), get="login 405 405 405 405", post="login 403 400 403 400"),
    row("moderation:retag", pk("contribution"), get="login 405 405 405 405", post="login 403 400 403 400"),
    row("moderation:duplicate_of", pk("contribution"), get="login 405 405 405 405", post="login 403 400 403 400"),
    row("moderation:outcome", pk("contribution"), get="login 405 405 405 405", post="login 403 403 403 400"),
    row("moderation:report_contribution", pk("contribution"), get="login 200 200 200 200", post="login 400 400 400 400"),
    # only public content can be reported: the form quotes the text
    row("moderation:report_contribution[pending]", pk("pending"), get="login 404 404 404 404", post="login 404 404 404 404"),
    row("moderation:comment", pk("comment"), get="login 403 200 403 200", post="login 403 400 403 400"),
    row("moderation:comment_dismiss", pk("comment"), get="login 405 405 405 405", post="login 403 409 403 409"),
    row("moderation:report_comment", pk("comment"), get="login 200 200 200 200", post="login 400 400 400 400"),
    row("moderation:report_comment[pending]", pk("pending_comment"), get="login 404 404 404 404", post="login 404 404 404 404"),
    # 302: fewer than two contributions selected, back to the queue
    row("moderation:merge", get="login 405 405 405 405", post="login 403 302 403 302"),
    row("moderation:thematic_create", get="login 405 405 405 405", post="login 403 403 403 302"),
    row("moderation:thematic_detail", pk("thematic"), get="200 200 200 200 200"),
    row("moderation:blocked_users", get="login 403 200 403 200"),
    row("moderation:block_user", pk("author"), get="login 403 403 403 200", post="login 403 403 403 400"),
    # priorities and supports
    row("voting:exercise_list", get="200 200 200 200 200"),
    row("voting:exercise_create", get="login 403 403 403 200", post="login 403 403 403 400"),
    # an anonymous ballot is refused by the service: back to the exercise with the reason
    row("voting:exercise_detail", pk("exercise"), get="200 200 200 200 200", post="302 400 400 400 400"),
    row("voting:exercise_detail[draft]", pk("draft_exercise"), get="404 404 404 404 200"),
    row("voting:exercise_edit", pk("exercise"), get="login 403 403 403 200", post="login 403 403 403 400"),
    row("voting:exercise_open", pk("draft_exercise"), get="login 405 405 405 405", post="login 404 404 404 302"),
    row("voting:exercise_close", pk("exercise"), get="login 405 405 405 405", post="login 403 403 403 302"),
    row("voting:results", pk("exercise"), get="200 200 200 200 200"),
    row("voting:results[draft]", pk("draft_exercise"), get="404 404 404 404 200"),
    # results shown only after closing: staff sees them before
    row("voting:results[sealed]", pk("sealed_exercise"), get="403 403 403 403 200"),
    row("voting:results_csv", pk("exercise"), get="200 200 200 200 200"),
    row("voting:results_csv[sealed]", pk("sealed_exercise"), get="404 404 404 404 200"),
    row("voting:support", pk("contribution"), get="405 405 405 405 405", post="login 302 302 302 302"),
    row("voting:unsupport", pk("contribution"), get="405 405 405 405 405", post="login 302 302 302 302"),
]
