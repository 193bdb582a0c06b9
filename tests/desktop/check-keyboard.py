"""The whole triage with the keyboard alone, on the demo: search, filter,
move, open, mark resolved, undo, refund. Keys go through the X server; what
happened is read back over AT-SPI, as a screen reader would say it."""
import desktop

STATES = ["Needs your response", "Klarna is reviewing", "Preliminary loss", "Resolved by you",
          "Closed", "All"]


def rows(window):
    return desktop.named(window, "table cell", lambda name: name.startswith("Order "))


def row_names(window):
    return [cell.name for cell in rows(window)]


def focused_name(window):
    node = desktop.focused(window)
    return (node.getRoleName(), node.name) if node else (None, None)


def wait_rows(window, what, check):
    return desktop.wait_for(what, lambda: (lambda names: names if names and check(names) else None)(
        row_names(window)), timeout=15)


def dump(window):
    print("rows on screen:", row_names(window))
    print("labels:", [n.name for n in desktop.named(window, "label")][:40])
    print("focus:", focused_name(window))


def shows_text(window, text):
    return desktop.named(window, "label", lambda name: text in name)


def main():
    app = desktop.find_app()
    window = desktop.wait_for("the demo window", lambda: desktop.frame(app, "Demo"))
    desktop.ON_FAILURE.append(lambda: dump(window))
    start = wait_rows(window, "rows in the list", lambda names: len(names) >= 5)
    desktop.focus_window("Demo")
    desktop.wait_for("the focus in the list at start", lambda: focused_name(window)[0] == "table cell" or None)

    # Search: Ctrl+F, four digits of one order; Escape clears it.
    target = start[3].split(", ")[0]            # "Order 10002"
    digits = target.split()[-1][-4:]
    desktop.keys("ctrl+f")
    desktop.wait_for("the search entry focused",
                     lambda: focused_name(window)[1] == "Search disputes" or None)
    desktop.type_text(digits)
    found = wait_rows(window, f"only orders with {digits}", lambda names: all(digits in n for n in names))
    if not any(n.startswith(target + ",") for n in found):
        desktop.fail(f"typing {digits} did not find {target}: {found}")
    print(f"search {digits}: {len(found)} row(s), {found[0]!r}")
    desktop.keys("Escape")
    wait_rows(window, "every row back after Escape", lambda names: len(names) >= len(start))
    desktop.wait_for("the focus back in the list", lambda: focused_name(window)[0] == "table cell" or None)

    # Filter: Ctrl+1 shows "Needs your response" only, with its count.
    desktop.keys("ctrl+1")
    shown = desktop.wait_for("the state chosen",
                             lambda: desktop.named(window, "push button",
                                                   lambda name: name.startswith("Show: " + STATES[0])))
    wait_rows(window, "only disputes that need a response",
              lambda names: all(STATES[0] in n for n in names))
    print("filter:", shown[0].name)

    # Move and open: the focus came back to the list; down one, Enter opens that dispute.
    desktop.wait_for("the focus in the list", lambda: focused_name(window)[0] == "table cell" or None)
    first = focused_name(window)[1]
    desktop.keys("Down")
    second = desktop.wait_for("the next row focused",
                              lambda: (lambda f: f[1] if f[0] == "table cell" and f[1] != first else None)(
                                  focused_name(window)))
    desktop.keys("Return")
    order = second.split(", ")[0]
    desktop.wait_for(f"{order} open in the detail pane",
                     lambda: desktop.named(window, "heading", lambda name: name == order))
    print("opened:", order)

    # Mark resolved (Ctrl+D), then undo (Ctrl+Z): the row leaves the view and comes back.
    desktop.keys("ctrl+d")
    desktop.wait_for("the 'Marked resolved' toast", lambda: shows_text(window, "Marked resolved"))
    wait_rows(window, f"{order} gone from 'Needs your response'",
              lambda names: not any(n.startswith(order + ",") for n in names))
    desktop.keys("ctrl+z")
    desktop.wait_for("the 'No longer marked resolved' toast", lambda: shows_text(window, "No longer marked"))
    wait_rows(window, f"{order} back after undo", lambda names: any(n.startswith(order + ",") for n in names))
    print("marked resolved and undone:", order)

    # Refund (Ctrl+Shift+R): the dialog, the full amount, confirmed — all by keys.
    desktop.keys("ctrl+shift+r")
    desktop.wait_for("the refund dialog", lambda: desktop.frame(app, "Refund"))
    desktop.keys("alt+r")
    desktop.wait_for("the refund confirmation",
                     lambda: desktop.named(app, "label", lambda name: name.startswith("Refund ") and name.endswith("?")))
    desktop.keys("alt+r")
    done = desktop.wait_for("the refund done in the demo", lambda: shows_text(window, "done in the demo"))
    print("refunded:", order, "—", done[0].name)

    # Several at once: Down, then Shift+Down selects two rows; Ctrl+D marks both, one Ctrl+Z brings both back.
    # (Rows are told by their accessible "selected" state; a demo arrival may add one meanwhile.)
    desktop.keys("ctrl+2")
    desktop.keys("ctrl+1")
    desktop.wait_for("the focus in the list again", lambda: focused_name(window)[0] == "table cell" or None)
    desktop.keys("Down")
    desktop.keys("shift+Down")
    desktop.wait_for("two selected", lambda: desktop.named(window, "label", lambda name: name == "2 Disputes Selected"))
    picked = desktop.wait_for("the two rows selected", lambda: (lambda names: names if len(names) == 2 else None)(
        [cell.name.split(", ")[0] for cell in rows(window) if cell.getState().contains(desktop.pyatspi.STATE_SELECTED)]))
    orders = lambda names: {name.split(", ")[0] for name in names}
    desktop.keys("ctrl+d")
    desktop.wait_for("the '2 disputes marked resolved' toast", lambda: shows_text(window, "2 disputes marked resolved"))
    wait_rows(window, "both gone from 'Needs your response'", lambda names: not set(picked) & orders(names))
    desktop.keys("ctrl+z")
    desktop.wait_for("the undo toast", lambda: shows_text(window, "2 disputes no longer marked resolved"))
    wait_rows(window, "both back", lambda names: set(picked) <= orders(names))
    print("two marked resolved and undone:", " and ".join(picked))

main()
