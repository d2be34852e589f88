"""Checks Swift where there is no Swift toolchain (cargo xtask test-mobile runs this on Linux).

    check_swift.py GENERATED.swift... -- FILE.swift...

(the generated files: Gongji.swift with the functions, GongjiCore.swift with the core's types; without
`--`, the first file is the only generated one)

1. Every file parses with the tree-sitter Swift grammar (the one construct the grammar does not know,
   uniffi's `@_documentation(visibility: private)` attribute, is ignored).
2. In the hand-written files, every call to a function, initializer or enum case
   that the generated bindings declare uses argument labels one of its declarations accepts (in order,
   defaulted parameters optional), and every other called name is declared in the checked files or is
   a known Swift / Foundation / XCTest name.

This is not a compiler: types are not checked. On a Mac, `swift test` is the real test
(bindings/uniffi/README.md).
"""

import sys

import tree_sitter
import tree_sitter_swift

PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))

# Swift, Foundation and XCTest names the hand-written files may call.
KNOWN = {
    "Array", "Bool", "Character", "Data", "Decimal", "Dictionary", "Double", "Int", "Locale", "Set", "String",
    "UInt16", "UInt32", "URL", "Package", "exit", "fatalError", "max", "min", "precondition", "print", "zip",
}


def text(node) -> str:
    return node.text.decode("utf-8")


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def syntax_errors(path: str, tree, source: bytes):
    lines = source.decode("utf-8").splitlines()
    out = []
    for node in walk(tree.root_node):
        if node.type == "ERROR" or node.is_missing:
            line = lines[node.start_point[0]].strip() if node.start_point[0] < len(lines) else ""
            if line.startswith("@_documentation("):
                continue
            out.append(f"{path}:{node.start_point[0] + 1}:{node.start_point[1] + 1}: syntax error near `{line[:80]}`")
    return out


def params(decl):
    """[(label, has_default)] of a function or init declaration."""
    out = []
    kids = decl.children
    for i, kid in enumerate(kids):
        if kid.type != "parameter":
            continue
        names = [c for c in kid.children if c.type == "simple_identifier"]
        label = text(names[0]) if names else None
        if label == "_":
            label = None
        has_default = i + 1 < len(kids) and kids[i + 1].type == "="
        out.append((label, has_default))
    return out


def case_params(entry):
    """[(label, False)] of an enum case's associated values."""
    out = []
    for tp in entry.children:
        if tp.type == "enum_type_parameters":
            names = [c for c in tp.children if c.type == "simple_identifier"]
            out += [(text(n), False) for n in names]
    return out


class Api:
    def __init__(self):
        self.functions = {}  # name -> [signature]
        self.inits = {}  # type -> [signature]
        self.cases = {}  # case name -> [signature]
        self.statics = {}  # (type, name) -> [signature]
        self.types = set()
        self.declared = set()  # any function or type declared in the checked files

    def read(self, tree, generated: bool):
        for node in walk(tree.root_node):
            if node.type in ("class_declaration", "protocol_declaration", "typealias_declaration"):
                name = next((c for c in node.children if c.type == "type_identifier"), None)
                if name is not None:
                    self.types.add(text(name))
                    self.declared.add(text(name))
            elif node.type == "function_declaration":
                name = next((c for c in node.children if c.type == "simple_identifier"), None)
                if name is None:
                    continue
                self.declared.add(text(name))
                if not generated:
                    continue
                owner = enclosing_type(node)
                if owner is None:
                    self.functions.setdefault(text(name), []).append(params(node))
                elif "static" in modifiers(node):
                    self.statics.setdefault((owner, text(name)), []).append(params(node))
            elif node.type in ("parameter", "pattern", "lambda_parameter"):
                # local names: closure parameters and variables may be called too
                for c in node.children:
                    if c.type == "simple_identifier":
                        self.declared.add(text(c))
            elif node.type == "init_declaration" and generated:
                owner = enclosing_type(node)
                if owner is not None:
                    self.inits.setdefault(owner, []).append(params(node))
            elif node.type == "enum_entry" and generated:
                for i, kid in enumerate(node.children):
                    if kid.type == "simple_identifier":
                        nxt = node.children[i + 1] if i + 1 < len(node.children) else None
                        if nxt is not None and nxt.type == "enum_type_parameters":
                            self.cases.setdefault(text(kid), []).append(case_params(node))


def modifiers(decl):
    mods = next((c for c in decl.children if c.type == "modifiers"), None)
    return {text(w) for w in walk(mods) if w.child_count == 0} if mods is not None else set()


def enclosing_type(node):
    cur = node.parent
    while cur is not None:
        if cur.type in ("class_declaration", "protocol_declaration"):
            name = next((c for c in cur.children if c.type == "type_identifier"), None)
            return text(name) if name is not None else None
        cur = cur.parent
    return None


def accepts(signature, labels) -> bool:
    """Whether a call with these labels (None: unlabeled) fits the declared parameters."""
    i = 0
    for label, has_default in signature:
        if i < len(labels) and labels[i] == label:
            i += 1
        elif not has_default:
            return False
    return i == len(labels)


def call_labels(call):
    suffix = next((c for c in call.children if c.type == "call_suffix"), None)
    args = next((c for c in suffix.children if c.type == "value_arguments"), None) if suffix else None
    if args is None or text(args)[:1] != "(":
        return None  # a trailing closure only, or a subscript
    labels = []
    for arg in args.children:
        if arg.type == "value_argument":
            label = next((c for c in arg.children if c.type == "value_argument_label"), None)
            labels.append(text(label).strip() if label is not None else None)
    return labels


def check_calls(path: str, tree, api: Api):
    out = []
    for call in walk(tree.root_node):
        if call.type != "call_expression":
            continue
        callee = call.children[0]
        labels = call_labels(call)
        if labels is None:
            continue
        where = f"{path}:{call.start_point[0] + 1}"
        shown = f"({', '.join((l or '_') + ':' for l in labels)})"
        if callee.type == "simple_identifier":
            name = text(callee)
            sigs = api.functions.get(name) or api.inits.get(name)
            if sigs is not None:
                if not any(accepts(s, labels) for s in sigs):
                    out.append(f"{where}: {name}{shown} matches no declaration of the bindings: {sigs}")
            elif name not in api.declared and name not in KNOWN and not name.startswith("XCT"):
                out.append(f"{where}: {name} is declared neither by the bindings nor in the checked files")
        elif callee.type == "prefix_expression" and text(callee).startswith("."):
            name = text(callee)[1:]
            sigs = api.cases.get(name)
            if sigs is not None and not any(accepts(s, labels) for s in sigs):
                out.append(f"{where}: .{name}{shown} matches no enum case of the bindings: {sigs}")
        elif callee.type == "navigation_expression":
            parts = text(callee).split(".")
            if len(parts) == 2 and parts[0] in api.types and (parts[0], parts[1]) in api.statics:
                sigs = api.statics[(parts[0], parts[1])]
                if not any(accepts(s, labels) for s in sigs):
                    out.append(f"{where}: {parts[0]}.{parts[1]}{shown} matches no declaration: {sigs}")
            elif len(parts) == 2 and parts[0] in api.types and parts[0][0].isupper() and parts[0] != "JSON":
                if (parts[0], parts[1]) not in api.statics and parts[1] not in api.cases:
                    out.append(f"{where}: {parts[0]}.{parts[1]} is not declared by the bindings")
    return out


def main(argv) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    if "--" in argv:
        cut = argv.index("--")
        generated, handwritten = argv[:cut], argv[cut + 1:]
    else:
        generated, handwritten = argv[:1], argv[1:]
    problems = []
    api = Api()
    trees = {}
    for path in generated + handwritten:
        with open(path, "rb") as f:
            source = f.read()
        tree = PARSER.parse(source)
        problems += syntax_errors(path, tree, source)
        api.read(tree, generated=(path in generated))
        trees[path] = tree
    for path in handwritten:
        problems += check_calls(path, trees[path], api)
    for p in problems:
        print(p)
    calls = sum(1 for p in handwritten for n in walk(trees[p].root_node) if n.type == "call_expression")
    print(f"swift check: {len(generated) + len(handwritten)} files parsed, {calls} calls in the hand-written files checked, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
