package gongji.tests

import java.io.File
import kotlin.system.exitProcess

/** Counts passes and failures; a failure is any exception thrown by a test body. */
class Tally {
    var passed = 0
        private set
    private val failures = ArrayList<String>()

    fun test(name: String, body: () -> Unit) {
        try {
            body()
            passed++
        } catch (e: Throwable) {
            failures.add("$name: ${e.message ?: e}")
        }
    }

    /** Prints the failures and the closing line; the process exit code says whether all passed. */
    fun finish(): Int {
        failures.forEach { println("FAIL $it") }
        println("$passed passed, ${failures.size} failed")
        return if (failures.isEmpty() && passed > 0) 0 else 1
    }
}

fun expect(condition: Boolean, message: () -> String) {
    if (!condition) throw AssertionError(message())
}

fun <T> expectEqual(want: T, got: T, what: String = "value") {
    if (want != got) throw AssertionError("$what: expected <$want>, got <$got>")
}

/**
 * Runs the JVM tests of the Kotlin bindings: every conformance vector, then the idiomatic API. The argument
 * is a folder inside the repository (the vectors' one), where the case file is made if `GONGJI_CASES` is unset.
 */
fun main(args: Array<String>) {
    val vectors = File(args.firstOrNull() ?: "tests/vectors")
    val tally = Tally()
    replayVectors(vectors, tally)
    apiTests(tally)
    exitProcess(tally.finish())
}
