"""The API's JSON parser: DRF's, plus the rules of core.input (depth limit, no NUL bytes or
unpaired surrogates), refused with a 400 in the API's error body (`code` `too_deep`,
`invalid_characters`) instead of a RecursionError's 500 or a database error."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError

from consultazione.core.input import MalformedInput, check_tree, too_deep


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            error = too_deep()
            raise ParseError(error.message, code=error.code)
        try:
            return check_tree(data)
        except MalformedInput as error:
            raise ParseError(error.message, code=error.code)
