"""Every control a screen reader reaches on the demo window says what it is:
walked over AT-SPI with the list shown, then with a dispute open."""
import re

import desktop

TYPE_NAME = re.compile(r"^(Gtk|Adw|Dsp)[A-Za-z]+$")
MNEMONIC = re.compile(r"(^|\s)_\w")


def problem(node):
    role, name = node.getRoleName(), (node.name or "").strip()
    if role == "label" and not desktop.has_text(node):
        return None                      # an empty label shows and says nothing
    if role not in desktop.CONTROLS and role != "label":
        return None
    if not name or TYPE_NAME.match(name):
        return "has no name"
    if MNEMONIC.search(name):
        return "reads its mnemonic"
    words = name.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        return "reads its text twice"
    return None


def check_all_named(root, when):
    nodes = [n for n in desktop.shown(root) if n.getRoleName() in desktop.CONTROLS | {"label"}]
    problems = [(n.getRoleName(), n.name, p) for n in nodes for p in [problem(n)] if p]
    for role, name, what in problems:
        print(f"  [{role}] {name!r} {what}")
    if problems:
        desktop.fail(f"{len(problems)} of {len(nodes)} controls on screen {when} are not named well")
    print(f"{when}: {len(nodes)} controls and labels on screen, every one named")
    return nodes


def rows(window):
    return desktop.named(window, "table cell", lambda name: name.startswith("Order "))


def main():
    app = desktop.find_app()
    window = desktop.wait_for("the demo window", lambda: desktop.frame(app, "Demo"))
    cells = desktop.wait_for("rows in the list", lambda: rows(window))
    check_all_named(window, "with the list")

    # Each row reads what it shows: order, amount, customer and reason, state, time left.
    for cell in cells:
        parts = cell.name.split(", ")
        if len(parts) < 4 or not re.search(r"\d", parts[1]):
            desktop.fail(f"the row {cell.name!r} does not read order, amount, state and time left")
    print(f"{len(cells)} rows on screen, each read as e.g. {cells[0].name!r}")

    # Opened, the dispute's pane reads as a page of headed sections.
    first = cells[0]
    desktop.click(first, "Demo")
    order = first.name.split(", ")[0]
    def opened():
        names = [h.name for h in desktop.named(window, "heading")]
        return names if order in names else None
    headings = desktop.wait_for("the dispute's headings", opened)
    if len(headings) < 4:
        desktop.fail(f"the detail pane has too few headings: {headings}")
    print("headings:", ", ".join(headings))
    check_all_named(window, "with a dispute open")


main()
