using System.Text.Json.Nodes;

namespace DiaBan.Bench.Import;

/// <summary>The national file has two communes without a name, which the importer rightly refuses; the benchmark names them.</summary>
internal static class NamedCopy
{
    public static string Write(string geojson)
    {
        var root = JsonNode.Parse(File.ReadAllText(geojson))!;
        foreach (var feature in root["features"]!.AsArray())
        {
            var props = feature!["properties"]!;
            if (string.IsNullOrWhiteSpace(props["commune_vn"]?.GetValue<string>()))
                props["commune_vn"] = $"(không tên) {props["commune_id"]}";
        }
        var path = Path.Combine(Path.GetTempPath(), "diaban-bench-communes.geojson");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }
}
