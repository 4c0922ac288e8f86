"""Draw the panel art of the sample comic comics/phone-scam/ with Pillow.

Run from the repository root: ``python scripts/draw_phone_scam_art.py``. It rewrites
comics/phone-scam/art/*.png (deterministic: same script, same bytes) and prints, relative
to the panel, each character's head box (left, top, right, bottom) and mouth: the
``heads:`` of comic.yml.

The drawings are deliberately simple (flat colours, round heads) but readable: who is
where, the phone, the room. Every panel is drawn at the size it is printed (1472x1120
px: a full-width row of a 1600x2400 page in a ``[1, 1]`` layout), heads in the lower
half: the upper part of each panel is kept quiet for balloons, and in this right-to-left
comic the first speaker of a panel stands on the right.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "comics" / "phone-scam" / "art"
SS = 2  # drawn at twice the size, then reduced: smooth edges

WALL = (244, 226, 196)
WALL_DARK = (229, 205, 168)
FLOOR = (171, 120, 82)
SKIN = (214, 163, 120)
SKIN_GIRL = (201, 148, 106)
OUTLINE = (40, 30, 25)
DJELLABA = (123, 86, 60)
SWEATER = (46, 139, 87)
HAIR = (45, 32, 28)
WHITE = (250, 250, 250)
PHONE = (35, 38, 48)
SCREEN = (120, 200, 255)


#: Panels are drawn in units of a 960 x 730 frame and saved at the printed size.
UNITS = (960, 730)
PIXELS = (1472, 1120)
K = SS * PIXELS[0] / UNITS[0]  # canvas pixels per unit


class Canvas:
    """Drawing in panel units, on a canvas supersampled by SS at the printed size."""

    def __init__(self, w: int = UNITS[0], h: int = UNITS[1]) -> None:
        self.w, self.h = w, h
        self.im = Image.new("RGB", (round(w * K), round(h * K)), WALL)
        self.d = ImageDraw.Draw(self.im)
        self.mouths: dict[str, tuple[float, float]] = {}
        self.heads: dict[str, tuple[float, float, float, float]] = {}

    def _s(self, box: tuple[float, ...]) -> list[float]:
        return [v * K for v in box]

    def rect(
        self,
        box: tuple[float, float, float, float],
        fill: tuple[int, int, int],
        outline: bool = True,
        r: float = 0,
    ) -> None:
        self.d.rounded_rectangle(
            self._s(box),
            radius=r * K,
            fill=fill,
            outline=OUTLINE if outline else None,
            width=round(3 * K),
        )

    def ellipse(
        self,
        box: tuple[float, float, float, float],
        fill: tuple[int, int, int] | None,
        outline: bool = True,
        width: int = 3,
    ) -> None:
        self.d.ellipse(
            self._s(box), fill=fill, outline=OUTLINE if outline else None, width=round(width * K)
        )

    def poly(
        self, pts: list[tuple[float, float]], fill: tuple[int, int, int], outline: bool = True
    ) -> None:
        self.d.polygon(
            [(x * K, y * K) for x, y in pts],
            fill=fill,
            outline=OUTLINE if outline else None,
            width=round(3 * K),
        )

    def line(
        self, pts: list[tuple[float, float]], width: float = 3, fill: tuple[int, int, int] = OUTLINE
    ) -> None:
        self.d.line(
            [(x * K, y * K) for x, y in pts], fill=fill, width=round(width * K), joint="curve"
        )

    def arc(
        self, box: tuple[float, float, float, float], start: float, end: float, width: float = 3
    ) -> None:
        self.d.arc(self._s(box), start, end, fill=OUTLINE, width=round(width * K))

    def text(self, xy: tuple[float, float], text: str, size: float, fill: tuple[int, int, int]) -> None:
        self.d.text((xy[0] * K, xy[1] * K), text, fill=fill, anchor="mm", font_size=size * K)

    def save(self, name: str) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        small = self.im.resize(PIXELS, Image.Resampling.LANCZOS)
        small = small.quantize(colors=96, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        small.save(OUT / name, optimize=True)
        print(name)
        for who, (x0, y0, x1, y1) in self.heads.items():
            mx, my = self.mouths[who]
            box = [round(x0 / self.w, 3), round(y0 / self.h, 3), round(x1 / self.w, 3), round(y1 / self.h, 3)]
            print(f"  - who: {who}\n    box: {box}\n    mouth: [{mx / self.w:.3f}, {my / self.h:.3f}]")


def room(c: Canvas, floor_y: float, window: bool = True) -> None:
    """Wall with a stripe, floor, a window with curtains and a framed picture."""
    for x in range(0, c.w, 60):
        c.rect((x, 0, x + 30, floor_y), WALL_DARK, outline=False)
    if floor_y < c.h:  # a close-up shows no floor
        c.rect((0, floor_y, c.w, c.h), FLOOR, outline=False)
        c.line([(0, floor_y), (c.w, floor_y)], 4)
    if window:
        wx = c.w * 0.06
        c.rect((wx, c.h * 0.18, wx + c.w * 0.2, c.h * 0.5), (150, 200, 235))
        c.line([(wx + c.w * 0.1, c.h * 0.18), (wx + c.w * 0.1, c.h * 0.5)])
        c.poly(
            [
                (wx - 10, c.h * 0.15),
                (wx + 25, c.h * 0.15),
                (wx + 10, c.h * 0.55),
                (wx - 14, c.h * 0.55),
            ],
            (190, 60, 60),
        )


def phone(
    c: Canvas,
    x: float,
    y: float,
    s: float,
    ringing: bool = False,
    screen: tuple[int, int, int] = SCREEN,
) -> None:
    """A mobile phone standing at (x, y) (its centre), ``s`` px tall."""
    w = s * 0.52
    c.rect((x - w / 2, y - s / 2, x + w / 2, y + s / 2), PHONE, r=s * 0.1)
    c.rect(
        (x - w / 2 + s * 0.06, y - s / 2 + s * 0.1, x + w / 2 - s * 0.06, y + s / 2 - s * 0.14),
        screen,
        outline=False,
    )
    if ringing:
        for k in (1, 2, 3):
            rr = s * (0.45 + 0.22 * k)
            c.arc((x - rr, y - rr, x + rr, y + rr), 200, 250, 4)
            c.arc((x - rr, y - rr, x + rr, y + rr), 290, 340, 4)


def person(
    c: Canvas,
    name: str,
    cx: float,
    top: float,
    s: float,
    *,
    old: bool,
    mood: str = "calm",
    phone_ear: str | None = None,
    point: str | None = None,
    look: int = 0,
) -> None:
    """A figure whose head's top is at ``top``; ``s`` is the head's diameter.

    ``phone_ear``: "left"/"right" holds a phone to that side of the head; ``point`` raises
    the other arm; ``look``: -1 looks left, 1 right (pupils). Records the mouth in c.mouths.
    """
    body = DJELLABA if old else SWEATER
    skin = SKIN if old else SKIN_GIRL
    hy = top + s / 2
    # body: a robe (old) or a sweater and skirt (girl)
    bw, bh = s * 1.5, s * 2.6
    c.poly(
        [
            (cx - bw * 0.35, hy + s * 0.5),
            (cx + bw * 0.35, hy + s * 0.5),
            (cx + bw * 0.62, hy + s * 0.5 + bh),
            (cx - bw * 0.62, hy + s * 0.5 + bh),
        ],
        body,
    )
    if old:  # the robe's hood
        c.poly(
            [(cx - s * 0.45, hy + s * 0.45), (cx + s * 0.45, hy + s * 0.45), (cx, hy + s * 1.1)],
            (104, 72, 50),
        )
    # arms
    sh_l, sh_r = (cx - bw * 0.38, hy + s * 0.75), (cx + bw * 0.38, hy + s * 0.75)
    for side, sh in (("left", sh_l), ("right", sh_r)):
        if phone_ear == side:
            hand = (cx + (-1 if side == "left" else 1) * s * 0.62, hy + s * 0.05)
            c.line(
                [sh, (sh[0] + (-1 if side == "left" else 1) * s * 0.25, hy + s * 0.95), hand],
                s * 0.22,
                body,
            )
            phone(c, hand[0], hand[1] - s * 0.1, s * 0.62)
            # the voice on the phone speaks too: its "head" is the phone, its mouth the screen
            ps, pw = s * 0.62, s * 0.62 * 0.52
            c.heads["caller"] = (hand[0] - pw / 2, hand[1] - s * 0.1 - ps / 2, hand[0] + pw / 2, hand[1] - s * 0.1 + ps / 2)
            c.mouths["caller"] = (hand[0], hand[1] - s * 0.1 - ps * 0.15)
            c.ellipse(
                (hand[0] - s * 0.13, hand[1] - s * 0.05, hand[0] + s * 0.13, hand[1] + s * 0.21),
                skin,
            )
        elif point == side:
            hand = (sh[0] + (-1 if side == "left" else 1) * s * 0.9, hy - s * 0.2)
            c.line([sh, hand], s * 0.22, body)
            c.ellipse(
                (hand[0] - s * 0.14, hand[1] - s * 0.14, hand[0] + s * 0.14, hand[1] + s * 0.14),
                skin,
            )
        else:
            hand = (sh[0] + (-1 if side == "left" else 1) * s * 0.2, hy + s * 1.9)
            c.line([sh, hand], s * 0.22, body)
            c.ellipse(
                (hand[0] - s * 0.13, hand[1] - s * 0.13, hand[0] + s * 0.13, hand[1] + s * 0.13),
                skin,
            )
    # head
    if not old:  # hair behind the head, a ponytail
        c.ellipse(
            (cx - s * 0.58, top - s * 0.06, cx + s * 0.58, top + s * 1.02), HAIR, outline=False
        )
        c.ellipse((cx + s * 0.35, top + s * 0.3, cx + s * 0.8, top + s * 1.15), HAIR, outline=False)
    c.ellipse((cx - s / 2, top, cx + s / 2, top + s), skin)
    if old:  # white hair at the sides, a cap, a beard, glasses
        c.ellipse((cx - s * 0.55, hy - s * 0.15, cx - s * 0.35, hy + s * 0.2), WHITE)
        c.ellipse((cx + s * 0.35, hy - s * 0.15, cx + s * 0.55, hy + s * 0.2), WHITE)
        c.poly(
            [
                (cx - s * 0.42, top + s * 0.2),
                (cx + s * 0.42, top + s * 0.2),
                (cx + s * 0.36, top - s * 0.1),
                (cx - s * 0.36, top - s * 0.1),
            ],
            (200, 40, 50),
        )
        c.poly(
            [
                (cx - s * 0.36, hy + s * 0.12),
                (cx + s * 0.36, hy + s * 0.12),
                (cx + s * 0.2, top + s * 1.12),
                (cx, top + s * 1.2),
                (cx - s * 0.2, top + s * 1.12),
            ],
            WHITE,
        )
    else:
        c.poly(
            [
                (cx - s * 0.5, hy - s * 0.05),
                (cx - s * 0.45, top + s * 0.1),
                (cx + s * 0.45, top + s * 0.1),
                (cx + s * 0.5, hy - s * 0.05),
                (cx + s * 0.2, top + s * 0.2),
                (cx - s * 0.1, top + s * 0.28),
            ],
            HAIR,
            outline=False,
        )
    # eyes, brows, mouth
    ey = hy - s * 0.05
    for ex in (cx - s * 0.18, cx + s * 0.18):
        c.ellipse((ex - s * 0.08, ey - s * 0.08, ex + s * 0.08, ey + s * 0.08), WHITE, width=2)
        px = ex + look * s * 0.035
        c.ellipse(
            (px - s * 0.035, ey - s * 0.035, px + s * 0.035, ey + s * 0.035), OUTLINE, outline=False
        )
        if old:
            c.ellipse((ex - s * 0.13, ey - s * 0.13, ex + s * 0.13, ey + s * 0.13), None, width=3)
        tilt = {"calm": 0, "worried": -1, "angry": 1}[mood] * s * 0.06 * (1 if ex < cx else -1)
        c.line([(ex - s * 0.1, ey - s * 0.17 - tilt), (ex + s * 0.1, ey - s * 0.17 + tilt)], 3)
    my = hy + s * (0.3 if not old else 0.22)
    if mood == "angry":
        c.ellipse((cx - s * 0.1, my - s * 0.07, cx + s * 0.1, my + s * 0.1), (120, 20, 30))
    elif mood == "worried":
        c.arc((cx - s * 0.12, my, cx + s * 0.12, my + s * 0.16), 200, 340, 3)
    else:
        c.arc((cx - s * 0.14, my - s * 0.12, cx + s * 0.14, my + s * 0.06), 20, 160, 3)
    c.mouths[name] = (cx, my)
    if old:  # fez on top, white hair at the sides, beard below
        c.heads[name] = (cx - s * 0.56, top - s * 0.12, cx + s * 0.56, top + s * 1.21)
    else:  # hair around the head, the ponytail on its right
        c.heads[name] = (cx - s * 0.59, top - s * 0.07, cx + s * 0.81, top + s * 1.16)


def armchair(c: Canvas, cx: float, y: float, s: float) -> None:
    c.rect((cx - s * 0.75, y - s * 0.9, cx + s * 0.75, y + s * 0.55), (170, 50, 60), r=s * 0.2)
    c.rect((cx - s * 0.95, y - s * 0.2, cx - s * 0.6, y + s * 0.6), (150, 40, 50), r=s * 0.1)
    c.rect((cx + s * 0.6, y - s * 0.2, cx + s * 0.95, y + s * 0.6), (150, 40, 50), r=s * 0.1)


def table(c: Canvas, x0: float, x1: float, y: float) -> None:
    c.rect((x0, y, x1, y + 18), (120, 80, 50))
    c.rect((x0 + 15, y + 18, x0 + 30, y + 140), (110, 72, 45))
    c.rect((x1 - 30, y + 18, x1 - 15, y + 140), (110, 72, 45))


def door(c: Canvas, x: float, floor_y: float) -> None:
    c.rect((x, floor_y - 520, x + 230, floor_y), (150, 105, 70))
    c.rect((x + 30, floor_y - 490, x + 200, floor_y - 270), (165, 118, 80))
    c.ellipse((x + 195, floor_y - 270, x + 215, floor_y - 250), (220, 190, 60))


def main() -> None:
    # 1: evening. Grandfather in his armchair; on the table, the phone rings.
    c = Canvas()
    room(c, 575)
    armchair(c, 640, 545, 220)
    person(c, "grandpa", 640, 365, 120, old=True, look=-1)
    table(c, 250, 430, 500)
    phone(c, 340, 460, 70, ringing=True)
    c.save("p1-1.png")
    # 2: closer. He answers, the phone at his ear; the voice speaks from the phone.
    c = Canvas()
    room(c, 780, window=False)
    person(c, "grandpa", 600, 420, 200, old=True, phone_ear="left", look=-1)
    c.save("p1-2.png")
    # 3: worried; the voice insists. He holds the phone on the left, thinks on the right.
    c = Canvas()
    room(c, 780, window=False)
    person(c, "grandpa", 420, 440, 180, old=True, mood="worried", phone_ear="left", look=1)
    c.save("p1-3.png")
    # 4: the granddaughter comes in and shouts; grandfather turns, phone in hand.
    c = Canvas()
    room(c, 640, window=False)
    door(c, 40, 640)
    person(c, "salma", 230, 400, 110, old=False, mood="angry", point="right", look=1)
    armchair(c, 700, 610, 220)
    person(c, "grandpa", 700, 440, 120, old=True, mood="worried", phone_ear="right", look=-1)
    del c.heads["caller"]  # the phone is silent now
    c.save("p2-1.png")
    # 5: she explains (on the right: she speaks first); he listens, then answers.
    c = Canvas()
    room(c, 800, window=False)
    person(c, "salma", 650, 470, 150, old=False, point="left", look=-1)
    person(c, "grandpa", 290, 505, 150, old=True, look=1)
    c.save("p2-2.png")
    # 6: together they call the police's official number, 19 on the poster.
    c = Canvas()
    room(c, 800, window=False)
    c.rect((420, 280, 560, 420), WHITE)  # a poster between them: the police number
    c.text((490, 352), "19", 90, (30, 60, 150))
    person(c, "salma", 650, 315, 150, old=False, phone_ear="right", look=-1)
    del c.heads["caller"]  # she is the one talking
    person(c, "grandpa", 330, 330, 150, old=True, look=1)
    c.save("p2-3.png")


if __name__ == "__main__":
    main()
