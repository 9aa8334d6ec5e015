from .models import Kind


def points(kind: str, choices: list[int]) -> dict[int, int]:
    """What one ballot adds to each option: 1 per choice; in a ranking of n, n points to the first."""
    if kind == Kind.RANKING:
        return {option_id: len(choices) - index for index, option_id in enumerate(choices)}
    return dict.fromkeys(choices, 1)
