using System.Text.Json;

namespace DiaBan.Cli.Tests.Stats;

/// <summary>
/// tests/reference/ca_mau.json, written by tests/reference/spdep_reference.R with R spdep on the old Cà Mau communes
/// (values = population; Gi* with queen contiguity, binary, self included; Moran with queen/knn:6 row-standardised;
/// distance band 5000 m and knn 6 on centroids in a tmerc centred on the layer).
/// </summary>
public static class CaMauReference
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Repo("tests", "reference", "ca_mau.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static double[] Numbers(params string[] path)
    {
        var e = Root;
        foreach (var p in path) e = e.GetProperty(p);
        return e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
    }

    public static double Number(params string[] path)
    {
        var e = Root;
        foreach (var p in path) e = e.GetProperty(p);
        return e.GetDouble();
    }

    public static int[] Cardinalities(string name) => Root.GetProperty(name).EnumerateArray().Select(v => v.GetArrayLength()).ToArray();

    public static string[] CommuneIds => Root.GetProperty("commune_id").EnumerateArray().Select(v => v.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
