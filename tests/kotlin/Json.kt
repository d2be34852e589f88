package gongji.tests

/**
 * A small JSON reader and two writers, enough for the conformance vectors: `compact` keeps key order
 * (the document as sent to the core), `canonical` sorts keys by code point and escapes strings as
 * JSON.stringify does (what every client compares). Numbers keep their source text.
 */
sealed class Json {
    class Obj(val fields: LinkedHashMap<String, Json>) : Json()
    class Arr(val items: List<Json>) : Json()
    class Str(val value: String) : Json()
    class Num(val raw: String) : Json()
    class Bool(val value: Boolean) : Json()
    object Null : Json()

    operator fun get(key: String): Json? = (this as? Obj)?.fields?.get(key)

    val str: String? get() = (this as? Str)?.value

    val arr: List<Json> get() = (this as? Arr)?.items ?: emptyList()

    fun compact(): String = StringBuilder().also { write(it, sorted = false) }.toString()

    fun canonical(): String = StringBuilder().also { write(it, sorted = true) }.toString()

    private fun write(out: StringBuilder, sorted: Boolean) {
        when (this) {
            is Obj -> {
                out.append('{')
                val keys = if (sorted) fields.keys.sortedWith(BY_CODE_POINT) else fields.keys.toList()
                keys.forEachIndexed { i, k ->
                    if (i > 0) out.append(',')
                    quote(k, out)
                    out.append(':')
                    fields.getValue(k).write(out, sorted)
                }
                out.append('}')
            }
            is Arr -> {
                out.append('[')
                items.forEachIndexed { i, v ->
                    if (i > 0) out.append(',')
                    v.write(out, sorted)
                }
                out.append(']')
            }
            is Str -> quote(value, out)
            is Num -> out.append(raw)
            is Bool -> out.append(value)
            Null -> out.append("null")
        }
    }

    companion object {
        /** Orders strings by Unicode code point (not UTF-16 unit), as Rust and Python do. */
        val BY_CODE_POINT = Comparator<String> { a, b ->
            var i = 0
            var j = 0
            while (i < a.length && j < b.length) {
                val ca = a.codePointAt(i)
                val cb = b.codePointAt(j)
                if (ca != cb) return@Comparator ca.compareTo(cb)
                i += Character.charCount(ca)
                j += Character.charCount(cb)
            }
            (i < a.length).compareTo(j < b.length)
        }

        /** JSON.stringify's escapes: `"` `\` and control characters; lone surrogates as `\uXXXX`. */
        fun quote(s: String, out: StringBuilder) {
            out.append('"')
            var i = 0
            while (i < s.length) {
                val c = s[i]
                when {
                    c == '"' -> out.append("\\\"")
                    c == '\\' -> out.append("\\\\")
                    c == '\b' -> out.append("\\b")
                    c == '\u000c' -> out.append("\\f")
                    c == '\n' -> out.append("\\n")
                    c == '\r' -> out.append("\\r")
                    c == '\t' -> out.append("\\t")
                    c < ' ' -> out.append("\\u%04x".format(c.code))
                    c.isHighSurrogate() && i + 1 < s.length && s[i + 1].isLowSurrogate() -> {
                        out.append(c).append(s[i + 1])
                        i++
                    }
                    c.isSurrogate() -> out.append("\\u%04x".format(c.code))
                    else -> out.append(c)
                }
                i++
            }
            out.append('"')
        }

        fun parse(text: String): Json {
            val p = Parser(text)
            val v = p.value()
            p.ws()
            if (p.i != text.length) p.fail("trailing characters")
            return v
        }
    }

    private class Parser(val s: String) {
        var i = 0

        fun fail(msg: String): Nothing = throw IllegalArgumentException("JSON: $msg at $i")

        fun ws() {
            while (i < s.length && s[i] in " \t\r\n") i++
        }

        fun value(): Json {
            ws()
            if (i >= s.length) fail("unexpected end")
            return when (s[i]) {
                '{' -> obj()
                '[' -> arr()
                '"' -> Str(string())
                't' -> word("true", Bool(true))
                'f' -> word("false", Bool(false))
                'n' -> word("null", Null)
                else -> number()
            }
        }

        fun word(w: String, v: Json): Json {
            if (!s.startsWith(w, i)) fail("bad literal")
            i += w.length
            return v
        }

        fun obj(): Json {
            i++
            val m = LinkedHashMap<String, Json>()
            ws()
            if (s.getOrNull(i) == '}') {
                i++
                return Obj(m)
            }
            while (true) {
                ws()
                if (s.getOrNull(i) != '"') fail("expected a key")
                val k = string()
                ws()
                if (s.getOrNull(i) != ':') fail("expected ':'")
                i++
                m[k] = value()
                ws()
                when (s.getOrNull(i)) {
                    ',' -> i++
                    '}' -> {
                        i++
                        return Obj(m)
                    }
                    else -> fail("expected ',' or '}'")
                }
            }
        }

        fun arr(): Json {
            i++
            val l = ArrayList<Json>()
            ws()
            if (s.getOrNull(i) == ']') {
                i++
                return Arr(l)
            }
            while (true) {
                l.add(value())
                ws()
                when (s.getOrNull(i)) {
                    ',' -> i++
                    ']' -> {
                        i++
                        return Arr(l)
                    }
                    else -> fail("expected ',' or ']'")
                }
            }
        }

        fun string(): String {
            i++
            val b = StringBuilder()
            while (true) {
                if (i >= s.length) fail("unterminated string")
                val c = s[i++]
                when {
                    c == '"' -> return b.toString()
                    c == '\\' -> {
                        val e = s.getOrNull(i++) ?: fail("bad escape")
                        when (e) {
                            '"', '\\', '/' -> b.append(e)
                            'b' -> b.append('\b')
                            'f' -> b.append('\u000c')
                            'n' -> b.append('\n')
                            'r' -> b.append('\r')
                            't' -> b.append('\t')
                            'u' -> {
                                if (i + 4 > s.length) fail("bad \\u escape")
                                b.append(s.substring(i, i + 4).toInt(16).toChar())
                                i += 4
                            }
                            else -> fail("bad escape")
                        }
                    }
                    c < ' ' -> fail("control character in string")
                    else -> b.append(c)
                }
            }
        }

        fun number(): Json {
            val start = i
            while (i < s.length && s[i] in "+-0123456789.eE") i++
            if (start == i) fail("unexpected character '${s[start]}'")
            return Num(s.substring(start, i))
        }
    }
}
