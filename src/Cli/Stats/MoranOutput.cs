using System.Text.Json;
using DiaBan.Analytics.Statistics;

namespace DiaBan.Cli.Stats;

/// <summary>The one JSON object `diaban stats moran` prints: the run's context, then I, E[I], both variances, z and p, permutation p.</summary>
public static class MoranOutput
{
    public static string Json(IEnumerable<(string Key, object? Value)> context, GlobalMoranResult moran, ulong seed, IEnumerable<string> notes)
    {
        (string, object?)[] statistics =
        [
            ("n", moran.N),
            ("I", moran.I),
            ("expected", moran.Expected),
            ("variance_normality", moran.Normality.Variance),
            ("z_normality", moran.Normality.Z),
            ("p_normality", moran.Normality.PTwoSided),
            ("variance_randomisation", moran.Randomisation.Variance),
            ("z_randomisation", moran.Randomisation.Z),
            ("p_randomisation", moran.Randomisation.PTwoSided),
            ("p_greater_randomisation", moran.Randomisation.PGreater),
            ("permutations", moran.Permutation?.Permutations ?? 0),
            ("seed", (long)seed),
            ("p_permutation", moran.Permutation?.PseudoP),
            ("z_permutation", moran.Permutation?.Z),
        ];
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var (key, value) in context.Concat(statistics)) StatsTable.WriteValue(json, key, value);
            json.WriteStartArray("notes");
            foreach (var note in notes) json.WriteStringValue(note);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
