class Shell {
    void run(String host, Runtime rt) throws Exception {
        // ruleid: java-command-execution
        Process process = Runtime.getRuntime().exec("cmd.exe /c tasklist /fi \"IMAGENAME eq notes2.exe\"");
        // ruleid: java-command-execution, java-command-injection
        Runtime.getRuntime().exec("ping " + host);
        // ruleid: java-command-execution
        rt.exec(new String[] {"ls", host});
        // ruleid: java-command-execution, java-command-injection
        new ProcessBuilder("sh", "-c", "ping " + host).start();
        // ok: java-command-execution, java-command-injection
        executor.exec(task);
    }
}
