class Legacy(private val worker: Thread) {
    fun scan(c: Char, myThread: Thread): Boolean {
        // ruleid: java-obsolete-character-test
        val start = Character.isJavaLetter(c)
        // ok: java-obsolete-character-test
        val ws = Character.isWhitespace(c)
        // ruleid: java-thread-stop
        myThread.stop()
        // ruleid: java-thread-stop
        Thread.currentThread().suspend()
        // ok: java-thread-stop
        myThread.interrupt()
        // ok: java-thread-stop
        myThread.start()
        return start && ws
    }
}
