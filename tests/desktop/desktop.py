"""The app seen from outside: its accessible tree over AT-SPI, keys over XTEST.

GTK 4.8 marks every widget that is not hidden as visible, shown or not (a
stack's other pages too), and has no "showing" state: what is on screen is
what is visible and has an area in the window."""
import subprocess
import sys
import time

import pyatspi

APP = "disputes"

# Roles a person acts on or reads as a control; each must say what it is.
# (Scroll bars are left out: never focused, read by their value.)
CONTROLS = {
    "push button", "toggle button", "check box", "radio button", "entry", "text",
    "password text", "combo box", "table cell", "list item", "spin button", "slider",
    "switch", "link", "menu item", "page tab", "heading", "alert", "status bar",
}


ON_FAILURE = []          # what a check prints when it fails, to say where it was


def fail(message):
    for say in ON_FAILURE:
        say()
    print("FAIL: " + message)
    sys.exit(1)


def wait_for(what, check, timeout=30.0):
    end = time.time() + timeout
    while time.time() < end:
        try:
            found = check()
        except Exception:  # a node went away while being read
            found = None
        if found:
            return found
        time.sleep(0.2)
    fail("timed out waiting for " + what)


def find_app():
    def look():
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            node = desktop.getChildAtIndex(i)
            if node is not None and node.name == APP:
                return node
        return None
    return wait_for("the app on the accessibility bus", look)


def on_screen(node):
    if node.getRoleName() in ("application", "frame", "dialog", "window"):
        return True
    if not node.getState().contains(pyatspi.STATE_VISIBLE):
        return False
    extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return extents.width > 0 and extents.height > 0


def shown(node):
    """Every node on screen under node, depth first."""
    try:
        visible = on_screen(node)
    except Exception:                    # no area of its own (a bare container): look inside
        visible = None
    if visible is False:
        return
    if visible:
        yield node
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            yield from shown(child)


def named(root, role, predicate=lambda name: True):
    return [n for n in shown(root) if n.getRoleName() == role and predicate(n.name or "")]


def has_text(node):
    """Without reading it: GTK 4.8 cuts a text read by character offsets in
    the middle of a UTF-8 sequence (a GLib critical in the app)."""
    try:
        return node.queryText().characterCount > 0
    except NotImplementedError:
        return False


def frame(app, title_part):
    for i in range(app.childCount):
        node = app.getChildAtIndex(i)
        if node is not None and title_part in (node.name or ""):
            return node
    return None


def keys(*names):
    """Key presses through the X server, to whatever has the focus."""
    subprocess.run(["xdotool", "key", "--delay", "60", *names], check=True)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "60", text], check=True)


def focus_window(title):
    subprocess.run(["xdotool", "search", "--sync", "--name", title, "windowfocus", "--sync"],
                   check=True, timeout=30)


def focused(root):
    for node in shown(root):
        if node.getState().contains(pyatspi.STATE_FOCUSED):
            return node
    return None


def click(node, window_title):
    """A click in the middle of node, through the X server."""
    e = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    window = subprocess.run(["xdotool", "search", "--sync", "--name", window_title], check=True,
                            capture_output=True, text=True, timeout=30).stdout.split()[0]
    subprocess.run(["xdotool", "mousemove", "--window", window, str(e.x + e.width // 2),
                    str(e.y + e.height // 2), "click", "1"], check=True)
