package gongji.tests

import gongji.core.GongjiException
import gongji.invokeJson
import java.io.File

/**
 * Replays every conformance vector through `invokeJson`, from the flat case file (tests/vectors/README.md):
 * the output text must equal the expected text byte for byte; errors are compared by code, field and rule.
 * Each case is one test. The file is `$GONGJI_CASES`, else the one `cargo run -p gongji-conformance --bin
 * cases` writes (run from [dir], inside the repository).
 */
fun replayVectors(dir: File, tally: Tally) {
    val lines = casesFile(dir).readText().split('\n').filter { it.isNotEmpty() }
    tally.test("vector cases found") { expect(lines.isNotEmpty()) { "no vector cases" } }
    for (line in lines) {
        val cols = line.split('\t').map(::unescape)
        tally.test(cols[0]) { runCase(cols) }
    }
}

private fun casesFile(dir: File): File {
    System.getenv("GONGJI_CASES")?.takeIf { it.isNotEmpty() }?.let { return File(it) }
    val cargo = ProcessBuilder("cargo", "run", "-q", "-p", "gongji-conformance", "--bin", "cases")
        .directory(dir)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start()
    val path = cargo.inputStream.bufferedReader().readText().trim()
    check(cargo.waitFor() == 0) { "cargo run -p gongji-conformance --bin cases failed" }
    return File(path)
}

/** A column with `\\`, `\t`, `\n` and `\r` read back. */
private fun unescape(column: String): String = Regex("""\\(.)""").replace(column) { m ->
    when (val c = m.groupValues[1]) {
        "t" -> "\t"
        "n" -> "\n"
        "r" -> "\r"
        else -> c
    }
}

/** Columns: name, op, book (empty: the embedded one), `document` or `text`, input, then `output` and the
 *  text, or `error`, code, field and optionally rule. */
private fun runCase(cols: List<String>) {
    val (op, book, input, kind) = listOf(cols[1], cols[2], cols[4], cols[5])
    val want = cols.drop(6)
    val output = try {
        invokeJson(op, input, book.ifEmpty { null })
    } catch (e: GongjiException.Rejected) {
        expect(kind == "error") { "unexpected error ${e.code} at ${e.field}: ${e.messageEn}" }
        expectEqual(want.take(2), listOf(e.code.name, e.field), "error code and field (${e.messageEn})")
        if (want.size > 2) expectEqual(want[2], e.rule, "error rule")
        return
    }
    expect(kind == "output") { "expected error $want, got $output" }
    expectEqual(want[0], output, "output")
}
