import java.io.*;

class Loader {
    Object load(InputStream in) throws Exception {
        BufferedInputStream bufferedIn = new BufferedInputStream(in);
        // ruleid: java-unsafe-deserialization
        ObjectInputStream objIn = new ObjectInputStream(bufferedIn);
        // ok: java-unsafe-deserialization
        DataInputStream data = new DataInputStream(bufferedIn);
        return objIn.readObject();
    }
}
