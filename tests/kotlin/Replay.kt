package gongji.tests

import gongji.core.GongjiException
import gongji.invokeJson
import java.io.File

/**
 * Replays every file under `tests/vectors` (tests/vectors/README.md) through `invokeJson`: outputs must be
 * byte-identical to the expected documents after canonical JSON; errors are compared by code, field and
 * rule. Each case is one test.
 */
fun replayVectors(dir: File, tally: Tally) {
    val files = dir.walkTopDown().filter { it.isFile && it.extension == "json" }.sortedBy { it.path }.toList()
    tally.test("vectors found under $dir") { expect(files.isNotEmpty()) { "no vector files" } }
    for (file in files) {
        val suite = Json.parse(file.readText())
        val name = file.relativeTo(dir).path
        tally.test("$name: schema") { expectEqual("gongji-vectors/1", suite["schema"]?.str, "schema") }
        val op = suite["op"]?.str ?: ""
        for (case in suite["cases"]?.arr ?: emptyList()) {
            tally.test("$name::${case["name"]?.str}") { runCase(op, case) }
        }
    }
}

private fun runCase(suiteOp: String, case: Json) {
    val op = case["op"]?.str ?: suiteOp
    val book = case["book"]?.takeIf { it !is Json.Null }?.compact()
    val input = case["input_text"]?.str ?: case["input"]?.compact() ?: ""
    val expect = case["expect"] ?: Json.Null
    val output = try {
        Json.parse(invokeJson(op, input, book))
    } catch (e: GongjiException.Rejected) {
        val want = expect["error"] ?: throw AssertionError("unexpected error ${e.code} at ${e.field}: ${e.messageEn}")
        want["code"]?.let { expectEqual(it.str, e.code.toString(), "error code (${e.messageEn})") }
        want["field"]?.let { expectEqual(it.str, e.field, "error field (${e.messageEn})") }
        want["rule"]?.let { expectEqual(it.str, e.rule, "error rule") }
        return
    }
    expect(expect["error"] == null) { "expected error ${expect["error"]?.compact()}, got ${output.canonical()}" }
    for (check in expect["checks"]?.arr ?: emptyList()) {
        val path = check.arr[0].str ?: throw AssertionError("malformed check ${check.compact()}")
        val got = at(output, path) ?: throw AssertionError("check $path: nothing there")
        expectEqual(check.arr[1].canonical(), got.canonical(), "check $path")
    }
    val want = expect["output"] ?: throw AssertionError("no expected output")
    expectEqual(want.canonical(), output.canonical(), "output")
}

/** `a.b[2].c` into a document. */
private fun at(doc: Json, path: String): Json? {
    var cur: Json? = doc
    for (part in path.split('.')) {
        val name = part.substringBefore('[')
        if (name.isNotEmpty()) cur = cur?.get(name)
        Regex("""\[(\d+)]""").findAll(part).forEach { m -> cur = cur?.arr?.getOrNull(m.groupValues[1].toInt()) }
    }
    return cur
}
