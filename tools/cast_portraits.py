"""The cast portraits of both scenarios, in the one style drawn for this project.

Flat, warm, head and shoulders on a 256x256 square with rounded corners, no text: a soft halo
behind the head, the top and its neckline, hair behind and in front of the face, and a few
extras (glasses, a beard, earrings, a lanyard). Each person below is written from their
`about:` in scenario.yaml, and their `alt` is the alt text there.

    python tools/cast_portraits.py            # writes scenes/<scenario>/assets/<name>.svg
    python tools/cast_portraits.py --check    # exit 1 if a file differs from what it would write

A new cast member: add an entry (skin, hair, top, neckline, age, extras), run it, look at the
picture at 40 and 200 pixels, and copy its `alt` into the cast entry's `portrait:`.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "scenes"

SKIN = {  # fill, shadow, lips
    "deep":   ("#5b3a27", "#482c1d", "#3b2218"),
    "dark":   ("#6e4731", "#593826", "#452a1c"),
    "brown":  ("#8d5b3d", "#774a30", "#5c3424"),
    "tan":    ("#b47d57", "#9b6845", "#81463a"),
    "light":  ("#f0c8a4", "#dbac86", "#b86a5c"),
    "pale":   ("#f5d5c3", "#e2b7a1", "#bd6f66"),
}
BG = {"peach": ("#f3dccb", "#f8e9de"), "sage": ("#dbe8d8", "#e9f1e7"), "lilac": ("#e4dcee", "#efe9f5"),
      "sky": ("#d6e4ee", "#e6eff5"), "sand": ("#f0e4c4", "#f6eedb"), "rose": ("#f0dada", "#f7e9e9")}

HEAD = "M84 110 C84 68 104 56 128 56 C152 56 172 68 172 110 C172 148 152 172 128 172 C104 172 84 148 84 110Z"

# hair: (back layer drawn behind the head, front layer drawn over it)
HAIR = {
    "crop": ("", "M84 106 C82 66 104 50 128 50 C152 50 174 66 172 106 C168 82 152 70 128 70 C104 70 88 82 84 106Z"),
    "short": ("", "M80 112 C74 62 102 44 130 45 C160 46 182 66 176 112 C172 92 166 82 158 76 C142 88 110 88 96 78 C88 86 84 96 80 112Z"),
    "fade": ("", "M86 100 C84 62 106 44 130 44 C156 44 172 62 170 100 C162 80 146 70 128 70 C110 70 94 80 86 100Z"),
    "bun": ("<circle cx='128' cy='46' r='22' fill='{h}'/>",
            "M84 110 C82 66 104 52 128 52 C152 52 174 66 172 110 C166 84 148 72 124 74 C106 76 92 88 84 110Z"),
    "braids-bun": ("<circle cx='128' cy='42' r='26' fill='{h}'/><path d='M110 40 q18 -10 36 0 M108 50 q20 -10 40 0' stroke='{s}' stroke-width='3' fill='none'/>",
                   "<path d='M84 110 C82 64 104 50 128 50 C152 50 174 64 172 110 C166 82 148 70 128 70 C108 70 90 82 84 110Z' fill='{h}'/>"
                   "<path d='M128 52 L128 70 M112 56 Q100 70 92 92 M144 56 Q156 70 164 92 M120 53 Q110 70 102 80 M136 53 Q146 70 154 80' stroke='{s}' stroke-width='3' fill='none'/>"),
    "bob": ("M72 164 C62 110 70 42 128 42 C186 42 194 110 184 164 Q172 174 160 166 L96 166 Q84 174 72 164Z",
            "M84 112 C84 66 104 54 128 54 C156 54 174 68 172 112 C164 86 146 74 120 78 C104 82 92 94 84 112Z"),
    "sidepart-bob": ("M72 160 C64 108 72 44 128 44 C184 44 192 108 184 160 Q174 170 162 162 L94 162 Q82 170 72 160Z",
                     "M84 116 C80 64 104 52 134 54 C160 56 176 72 172 114 C166 92 156 80 146 74 C128 84 102 92 84 116Z"),
    "long": ("M70 206 C58 124 66 42 128 42 C190 42 198 124 186 206 Q168 216 156 200 L100 200 Q88 216 70 206Z",
             "M84 112 C84 66 104 54 128 54 C156 54 174 68 172 112 C162 84 142 72 118 76 C102 80 90 94 84 112Z"),
    "afro": ("<ellipse cx='128' cy='96' rx='68' ry='62' fill='{h}'/>",
             "M84 108 C84 58 104 46 128 46 C152 46 172 58 172 108 C164 90 148 82 128 82 C108 82 92 90 84 108Z"),
    "curly": ("<g fill='{h}'><circle cx='92' cy='78' r='20'/><circle cx='112' cy='60' r='20'/><circle cx='136' cy='56' r='21'/>"
              "<circle cx='160' cy='68' r='20'/><circle cx='172' cy='92' r='17'/><circle cx='84' cy='102' r='15'/>"
              "<circle cx='176' cy='114' r='12'/><circle cx='80' cy='120' r='11'/></g>",
              "<g fill='{h}'><circle cx='100' cy='82' r='13'/><circle cx='120' cy='74' r='13'/><circle cx='142' cy='74' r='13'/><circle cx='160' cy='84' r='12'/></g>"),
    "bald": ("", "<path d='M84 122 C82 104 84 94 90 88 L96 92 C92 100 92 110 94 124Z M172 122 C174 104 172 94 166 88 L160 92 C164 100 164 110 162 124Z' fill='{h}'/>"),
    "receding": ("", "M84 116 C80 80 92 60 108 56 C104 66 100 78 98 92 C94 98 90 106 84 116Z M172 116 C176 80 164 60 148 56 C152 66 156 78 158 92 C162 98 166 106 172 116Z M108 56 C120 50 136 50 148 56 C140 58 116 58 108 56Z"),
    "ponytail": ("M150 60 C196 70 200 130 184 176 Q176 184 170 172 C178 130 170 96 150 80Z",
                 "M84 114 C82 66 104 52 130 52 C156 52 176 68 172 112 C168 96 162 86 154 80 C140 90 116 92 100 86 C92 94 86 104 84 114Z"),
    "pixie": ("", "M82 112 C76 62 104 44 132 46 C162 48 180 70 174 110 C170 94 164 84 156 80 C150 90 128 96 104 90 C94 94 86 102 82 112Z"),
}


def shoulders(top: str) -> str:
    return f"<path d='M26 256 C30 204 70 188 128 186 C186 188 226 204 230 256Z' fill='{top}'/>"


NECKLINE = {
    "crew": "<path d='M104 188 Q128 206 152 188' stroke='{d}' stroke-width='5' fill='none'/>",
    "v": "<path d='M106 188 L128 222 L150 188Z' fill='{k}'/>",
    "shirt": "<path d='M106 184 L128 214 L114 224 L98 196Z M150 184 L128 214 L142 224 L158 196Z' fill='{c}'/>",
    "tie": "<path d='M106 184 L128 210 L114 220 L98 194Z M150 184 L128 210 L142 220 L158 194Z' fill='{c}'/><path d='M122 210 L134 210 L138 256 L118 256Z' fill='{x}'/>",
    "cardigan": "<path d='M104 188 Q128 212 152 188 L144 256 L112 256Z' fill='{x}'/><path d='M112 190 L118 256 M144 190 L138 256' stroke='{d}' stroke-width='4'/><circle cx='124' cy='230' r='3' fill='{d}'/><circle cx='132' cy='246' r='3' fill='{d}'/>",
    "blazer": "<path d='M112 186 L128 232 L144 186Z' fill='{x}'/><path d='M104 188 L128 240 L100 214 L92 200Z M152 188 L128 240 L156 214 L164 200Z' fill='{d}'/>",
    "hoodie": "<path d='M84 196 Q128 240 172 196 Q168 186 152 186 Q128 212 104 186 Q88 186 84 196Z' fill='{d}'/><path d='M116 214 L114 240 M140 214 L142 240' stroke='{c}' stroke-width='3' stroke-linecap='round'/>",
    "polo": "<path d='M108 186 L128 204 L148 186 L154 196 L128 214 L102 196Z' fill='{d}'/><path d='M128 204 L128 224' stroke='{d}' stroke-width='4'/>",
}


def face(skin: str, brow: str, age: int, smile: str) -> str:
    fill, shadow, lips = SKIN[skin]
    parts = [
        f"<ellipse cx='86' cy='120' rx='8' ry='12' fill='{shadow}'/><ellipse cx='170' cy='120' rx='8' ry='12' fill='{shadow}'/>",
        f"<path d='{HEAD}' fill='{fill}'/>",
        f"<path d='M100 102 q10 -6 20 -1 M136 101 q10 -5 20 1' stroke='{brow}' stroke-width='4.5' stroke-linecap='round' fill='none'/>",
        "<ellipse cx='110' cy='116' rx='7' ry='5' fill='#fbf6f0'/><ellipse cx='146' cy='116' rx='7' ry='5' fill='#fbf6f0'/>",
        "<circle cx='110' cy='116' r='4' fill='#2b1d16'/><circle cx='146' cy='116' r='4' fill='#2b1d16'/>",
        f"<path d='M103 112 q7 -5 14 0 M139 112 q7 -5 14 0' stroke='{shadow}' stroke-width='2.5' fill='none' stroke-linecap='round'/>",
        f"<path d='M128 120 q-6 14 -2 19 q4 2 8 0' stroke='{shadow}' stroke-width='3.5' fill='none' stroke-linecap='round'/>",
    ]
    if smile == "open":
        parts.append(f"<path d='M113 146 q15 12 30 0 q-15 4 -30 0Z' fill='{lips}'/><path d='M117 147.5 q11 3 22 0 l-2 3 q-9 2 -18 0Z' fill='#fbf6f0'/>")
    else:
        parts.append(f"<path d='M115 147 q13 8 26 0' stroke='{lips}' stroke-width='4' fill='none' stroke-linecap='round'/>")
    if age >= 55:
        parts.append(f"<path d='M96 114 l-6 -2 M96 120 l-6 2 M160 114 l6 -2 M160 120 l6 2 M110 138 q-6 8 -2 16 M146 138 q6 8 2 16' stroke='{shadow}' stroke-width='2' fill='none' stroke-linecap='round'/>")
    elif age >= 40:
        parts.append(f"<path d='M112 140 q-5 6 -2 12 M144 140 q5 6 2 12' stroke='{shadow}' stroke-width='2' fill='none' stroke-linecap='round'/>")
    return "".join(parts)


def hair_layer(style: str, layer: int, colour: str, streak: str) -> str:
    art = HAIR[style][layer]
    if not art:
        return ""
    if art.startswith("<"):
        return art.format(h=colour, s=streak)
    return f"<path d='{art}' fill='{colour}'/>".replace("{s}", streak)


def extras(kind: set, skin: str, hair: str, lanyard: str) -> str:
    fill, shadow, lips = SKIN[skin]
    out = []
    if "beard" in kind:
        out.append(f"<path d='M88 128 C90 158 106 176 128 176 C150 176 166 158 168 128 C164 146 156 156 148 158 Q128 150 108 158 C100 156 92 146 88 128Z' fill='{hair}'/>"
                   f"<path d='M114 144 Q128 138 142 144' stroke='{hair}' stroke-width='5' fill='none' stroke-linecap='round'/>")
    if "stubble" in kind:
        out.append(f"<path d='M90 130 C92 158 108 174 128 174 C148 174 164 158 166 130 C160 150 150 160 128 162 C106 160 96 150 90 130Z' fill='{hair}' opacity='0.35'/>")
    if "moustache" in kind:
        out.append(f"<path d='M110 142 Q128 132 146 142 Q138 146 128 142 Q118 146 110 142Z' fill='{hair}'/>")
    if "glasses" in kind:
        out.append("<g stroke='#3a3430' stroke-width='3.5' fill='none'><rect x='96' y='105' width='28' height='22' rx='8'/><rect x='132' y='105' width='28' height='22' rx='8'/>"
                   "<path d='M124 114 q4 -3 8 0 M96 112 L86 110 M160 112 L170 110'/></g>")
    if "earrings" in kind:
        out.append("<circle cx='86' cy='136' r='4' fill='#e0b040'/><circle cx='170' cy='136' r='4' fill='#e0b040'/>")
    if "hoops" in kind:
        out.append("<circle cx='86' cy='140' r='7' fill='none' stroke='#e0b040' stroke-width='3'/><circle cx='170' cy='140' r='7' fill='none' stroke='#e0b040' stroke-width='3'/>")
    if lanyard:
        out.append(f"<path d='M104 188 L120 236 M152 188 L136 236' stroke='{lanyard}' stroke-width='5' fill='none'/>"
                   "<rect x='114' y='232' width='28' height='22' rx='3' fill='#fbfaf6' stroke='#8a8a8a' stroke-width='2'/>"
                   f"<rect x='119' y='238' width='10' height='10' rx='2' fill='{lanyard}'/>")
    return "".join(out)


def portrait(p: dict) -> str:
    fill, shadow, _ = SKIN[p["skin"]]
    bg, halo = BG[p["bg"]]
    top, dark = p["top"]
    inner = p.get("inner", "#f4efe6")
    accent = p.get("accent", dark)
    body = [
        f"<rect width='256' height='256' rx='24' fill='{bg}'/>",
        f"<circle cx='128' cy='116' r='92' fill='{halo}'/>",
        shoulders(top),
        NECKLINE[p["neck"]].format(d=dark, k=fill, c=inner, x=accent),
        hair_layer(p["hair"], 0, p["hair_colour"], p.get("streak", dark)),
        f"<path d='M110 150 L146 150 L146 186 Q128 198 110 186Z' fill='{shadow}'/>",
    ]
    if p["neck"] in ("crew", "polo", "hoodie"):
        body.append(NECKLINE[p["neck"]].format(d=dark, k=fill, c=inner, x=accent))
    if p["neck"] == "v":
        body.append(f"<path d='M110 186 L128 216 L146 186' stroke='{dark}' stroke-width='4' fill='none'/>")
    body.append(face(p["skin"], p.get("brow", p["hair_colour"]), p["age"], p.get("smile", "closed")))
    body.append(hair_layer(p["hair"], 1, p["hair_colour"], p.get("streak", dark)))
    body.append(extras(set(p.get("extras", ())), p["skin"], p.get("facial", p["hair_colour"]), p.get("lanyard", "")))
    svg = ("<svg xmlns='http://www.w3.org/2000/svg' width='256' height='256' viewBox='0 0 256 256'>\n"
           f"  <title>{p['title']}</title>\n  <desc>{p['alt']}</desc>\n  "
           + "\n  ".join(b for b in body if b) + "\n</svg>\n")
    return svg.replace("'", '"')


CAST = [
    # The Haven
    dict(where="haven", file="daniel", title="Daniel Osei, crisis team manager", age=41, skin="deep", bg="sky",
         top=("#2f7f86", "#22636a"), neck="shirt", inner="#2f7f86", hair="crop", hair_colour="#1c1512", extras=("beard",),
         lanyard="#2a4f8f", smile="open",
         alt="Daniel, with dark brown skin, close-cut black hair and a short beard, wearing a teal shirt and a lanyard."),
    dict(where="haven", file="shona", title="Shona Mackie", age=49, skin="light", bg="peach",
         top=("#8a6aa8", "#6e5190"), neck="cardigan", accent="#f1e7d4", hair="bob", hair_colour="#9c4f2e", brow="#7d3e24",
         alt="Shona, with pale skin and auburn hair to her chin, wearing a purple cardigan over a cream top."),
    dict(where="haven", file="precious", title="Precious Moyo, peer support worker", age=34, skin="dark", bg="sand",
         top=("#d49a2a", "#b07d1c"), neck="crew", hair="braids-bun", hair_colour="#1d1613", streak="#3a2c24",
         extras=("hoops",), lanyard="#2a4f8f", smile="open",
         alt="Precious, with dark brown skin and braids gathered in a bun, wearing a mustard top, gold hoops and a lanyard."),
    dict(where="haven", file="martin", title="Dr Martin Hale, consultant psychiatrist", age=58, skin="pale", bg="sage",
         top=("#5d6b4f", "#46533a"), neck="tie", inner="#e8eef4", accent="#7a2e3a", hair="receding", hair_colour="#b9b6b0",
         brow="#8f8b85", extras=("glasses",),
         alt="Martin, with pale skin, receding grey hair and glasses, wearing a green jumper over a shirt and tie."),
    dict(where="haven", file="gemma", title="Gemma Price, commissioning manager", age=38, skin="light", bg="lilac",
         top=("#2d3f63", "#1f2d49"), neck="blazer", accent="#e9eef3", hair="sidepart-bob", hair_colour="#d8b36a", brow="#a5844a",
         extras=("earrings",), smile="open",
         alt="Gemma, with pale skin and a fair, side-parted bob, wearing a navy blazer and small earrings."),
    dict(where="haven", file="fiona", title="Fiona Blake, director of operations", age=56, skin="pale", bg="rose",
         top=("#2a5a78", "#1d4560"), neck="blazer", accent="#f3f0ea", hair="pixie", hair_colour="#c9c7c4", brow="#8d8a86",
         extras=("glasses",),
         alt="Fiona, with pale skin, short silver hair and glasses, wearing a blue jacket over a white top."),
    dict(where="haven", file="jackie", title="Jackie Dunn", age=61, skin="pale", bg="sage",
         top=("#c0553f", "#9f4130"), neck="cardigan", accent="#f0dfa8", hair="curly", hair_colour="#d7c7a3", brow="#a08f6c",
         smile="open",
         alt="Jackie, with pale skin and short, curly fair-grey hair, wearing a red hand-knitted cardigan."),
    dict(where="haven", file="trevor", title="Trevor Pike", age=68, skin="pale", bg="sand",
         top=("#7c6a55", "#5f4f3e"), neck="tie", inner="#eef0f2", accent="#34557a", hair="bald", hair_colour="#d8d6d2",
         brow="#a9a6a1", extras=("moustache",),
         alt="Trevor, bald with white hair at the sides and a white moustache, wearing a brown jacket, shirt and tie."),
    dict(where="haven", file="mo", title="Mohammed \u201cMo\u201d Hussain", age=24, skin="tan", bg="sky",
         top=("#3d4a5c", "#2b3645"), neck="hoodie", inner="#e6e8ea", hair="fade", hair_colour="#16110f",
         extras=("beard",), smile="open",
         alt="Mo, with light brown skin, short black hair and a short beard, wearing a grey-blue hoodie."),
    dict(where="haven", file="kath", title="Kath Doyle, community centre manager", age=52, skin="pale", bg="peach",
         top=("#3f7a5a", "#2e5e44"), neck="v", hair="ponytail", hair_colour="#7a4a2a", brow="#5e3820", smile="open",
         alt="Kath, with pale skin and brown hair tied back, wearing a green top."),
    dict(where="haven", file="ray", title="Ray Lewis, welfare rights adviser", age=50, skin="deep", bg="lilac",
         top=("#8c7b5f", "#6f6048"), neck="shirt", inner="#dfe8f0", hair="crop", hair_colour="#4a4542", brow="#2a2420",
         extras=("glasses", "stubble"), facial="#5a5450",
         alt="Ray, with dark brown skin, close-cut greying hair and glasses, wearing a fawn jumper over a pale blue shirt."),
    dict(where="haven", file="ryan", title="Ryan Dunn, Jackie\u2019s son", age=29, skin="light", bg="rose",
         top=("#2c6e49", "#1f5236"), neck="polo", hair="short", hair_colour="#6b4a2e", brow="#4f3520",
         extras=("stubble",),
         alt="Ryan, with pale skin and short brown hair, wearing a green sports shirt."),
    dict(where="haven", file="olu", title="Olu Bankole, chair of the trust board", age=60, skin="brown", bg="sand",
         top=("#33363d", "#24262b"), neck="tie", inner="#f4f1ea", accent="#8c6a1f", hair="crop", hair_colour="#8e8a86",
         brow="#3a3431", extras=("glasses", "stubble"), facial="#7d7975",
         alt="Olu, with brown skin, close-cut grey hair and glasses, wearing a charcoal suit and a gold tie."),
    # Tea and Terms
    dict(where="tea-and-terms", file="ruth", title="Ruth Adeyemi, team manager", age=45, skin="brown", bg="peach",
         top=("#3f6e8c", "#2e5670"), neck="crew", hair="bun", hair_colour="#221a17", extras=("earrings",), smile="open",
         alt="Ruth, with brown skin and dark hair in a bun, wearing a blue top."),
    dict(where="tea-and-terms", file="dev", title="Dev Mistry", age=33, skin="tan", bg="sage",
         top=("#c8803f", "#a6662c"), neck="crew", hair="short", hair_colour="#1f1a18", extras=("stubble",),
         alt="Dev, with light brown skin and short black hair, wearing an orange top."),
    dict(where="tea-and-terms", file="marcia", title="Marcia Campbell, peer support worker", age=50, skin="deep", bg="lilac",
         top=("#7d3f6e", "#622f56"), neck="v", hair="afro", hair_colour="#1a1412", extras=("earrings",),
         lanyard="#2a4f8f", smile="open",
         alt="Marcia, with dark brown skin and a full head of black hair, wearing a plum top."),
    dict(where="tea-and-terms", file="gwen", title="Gwen Pryce", age=64, skin="pale", bg="sky",
         top=("#4f7d4a", "#3b6237"), neck="cardigan", accent="#efe6d2", hair="bob", hair_colour="#c4c2be", brow="#8e8b87",
         alt="Gwen, with pale skin and grey hair to her chin, wearing a green top."),
    dict(where="tea-and-terms", file="tomasz", title="Tomasz Nowak, team administrator", age=36, skin="light", bg="sand",
         top=("#2b3a5c", "#1e2a44"), neck="polo", hair="short", hair_colour="#c9a36a", brow="#9c7c4c",
         alt="Tomasz, with pale skin and short sandy hair, wearing a navy top."),
    dict(where="tea-and-terms", file="jo", title="Jo Ellis, service director", age=52, skin="pale", bg="rose",
         top=("#6a2f3a", "#4f222b"), neck="blazer", accent="#f3ede4", hair="long", hair_colour="#5a3a26", brow="#42291a",
         extras=("earrings",),
         alt="Jo, with pale skin and long dark brown hair, wearing a burgundy jacket."),
]

def main(argv: list[str]) -> int:
    check = "--check" in argv
    differ = []
    for person in CAST:
        path = ROOT / person["where"] / "assets" / f"{person['file']}.svg"
        drawn = portrait(person)
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != drawn:
                differ.append(path)
        else:
            path.write_text(drawn, encoding="utf-8")
            print(path)
    for path in differ:
        print(f"{path}: differs from tools/cast_portraits.py", file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
