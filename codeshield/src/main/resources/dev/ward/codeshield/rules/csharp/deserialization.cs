using System.Runtime.Serialization.Formatters.Binary;

class Store
{
    object Load(Stream stream, BinaryFormatter bf)
    {
        // ruleid: csharp-unsafe-deserialization
        var data = bf.Deserialize(stream);
        // ruleid: csharp-unsafe-deserialization
        return new BinaryFormatter().Deserialize(stream);
    }

    T Json<T>(string text, BsonDocument doc)
    {
        // ruleid: csharp-unsafe-deserialization
        var fromMongo = BsonSerializer.Deserialize<T>(doc);
        // ok: csharp-unsafe-deserialization
        return JsonSerializer.Deserialize<T>(text);
    }
}
