"""Every control a screen reader reaches on the demo window says what it is:
walked over AT-SPI with the list shown, then with a dispute open, then in
Send Evidence (its checklist and draft) and in Insight (its chart)."""
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

    # The answer to Klarna (a dispute still before its deadline): its checklist, each item's button.
    answerable = [c for c in rows(window) if "Needs your response" in c.name and " left" in c.name][0]
    desktop.click(answerable, "Demo")
    desktop.wait_for("it open", lambda: desktop.named(window, "heading",
                                                      lambda name: name == answerable.name.split(", ")[0]))
    desktop.keys("ctrl+shift+e")
    evidence = desktop.wait_for("the Send Evidence dialog", lambda: desktop.frame(app, "Send Evidence"))
    desktop.wait_for("its checklist", lambda: desktop.named(evidence, "check box"))
    adds = desktop.named(evidence, "push button", lambda name: name.startswith("Add a document: "))
    if not adds:
        desktop.fail("no checklist item has its own Add button")
    check_all_named(evidence, "in Send Evidence")
    desktop.keys("Escape")
    desktop.wait_for("Send Evidence closed", lambda: desktop.frame(app, "Send Evidence") is None or None)

    # Insight: the period, the chart (an image with its figures said), the rows.
    desktop.focus_window("Demo")
    desktop.keys("ctrl+i")
    insight = desktop.wait_for("the Insight window", lambda: desktop.frame(app, "Insight"))
    chart = desktop.wait_for("the chart", lambda: desktop.named(insight, "image",
                                                                lambda name: name == "Disputes opened per week"))
    period = desktop.named(insight, "push button", lambda name: name.startswith("Period: "))
    if not period:
        desktop.fail("the period's button is not named with its choice")
    print("insight:", chart[0].name, "—", chart[0].description[:60] + "…", "—", period[0].name)
    check_all_named(insight, "in Insight")


main()
