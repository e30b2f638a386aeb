class Legacy {
    private Thread worker;

    boolean scan(char c, Thread t, Thread myThread) {
        // ruleid: java-obsolete-character-test
        boolean start = Character.isJavaLetter(c);
        // ruleid: java-obsolete-character-test
        boolean blank = Character.isSpace(c);
        // ok: java-obsolete-character-test
        boolean ws = Character.isWhitespace(c);
        // ruleid: java-thread-stop
        myThread.stop();
        // ruleid: java-thread-stop
        t.suspend();
        // ruleid: java-thread-stop
        worker.stop();
        // ruleid: java-thread-stop
        Thread.currentThread().stop();
        // ruleid: java-thread-stop
        workerThread.run();
        // ok: java-thread-stop
        myThread.interrupt();
        // ok: java-thread-stop
        timer.stop();
        // ok: java-thread-stop
        task.run();
        // ok: java-thread-stop
        myThread.start();
        return start && blank && ws;
    }
}
