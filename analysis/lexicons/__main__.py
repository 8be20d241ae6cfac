"""``python -m analysis.lexicons``: validate every shipped word list."""

from analysis.lexicons import LEXICONS, load_all

if __name__ == "__main__":
    loaded = load_all()
    for name, lex in LEXICONS.items():
        value = loaded[name]
        size = len(value) if hasattr(value, "__len__") else ""
        print(f"{lex.file:28} ok  {size!s:>5}  {lex.holds}")
