using System.Globalization;

namespace DiaBan.Analytics.Spatial;

/// <summary>A GAL file read back: the binary weights and the unit ids in file order.</summary>
public sealed record GalContents(SpatialWeights Weights, IReadOnlyList<string> Ids);

/// <summary>
/// GeoDa GAL neighbour files (also written by spdep write.nb.gal and libpysal). Header either "n" (old style) or
/// "0 n layer idField"; then per unit a line "id k" followed by a line with its k neighbour ids. Weights are binary.
/// </summary>
public static class GalFile
{
    /// <summary>Writes the new-style header; ids default to 1..n (GeoDa's record numbers).</summary>
    public static void Write(TextWriter writer, SpatialWeights weights, IReadOnlyList<string>? ids = null, string layerName = "layer", string idField = "id")
    {
        var n = weights.Count;
        ids ??= Enumerable.Range(1, n).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        if (ids.Count != n) throw new ArgumentException($"Expected {n} ids.", nameof(ids));
        if (ids.Any(id => id.Length == 0 || id.Any(char.IsWhiteSpace))) throw new ArgumentException("GAL ids cannot be empty or contain spaces.", nameof(ids));
        if (layerName.Any(char.IsWhiteSpace) || idField.Any(char.IsWhiteSpace)) throw new ArgumentException("Layer and id field names cannot contain spaces.");
        writer.Write(FormattableString.Invariant($"0 {n} {layerName} {idField}\n"));
        for (var i = 0; i < n; i++)
        {
            var others = new List<string>();
            foreach (var j in weights.Neighbours(i))
            {
                if (j != i) others.Add(ids[j]);
            }
            writer.Write(FormattableString.Invariant($"{ids[i]} {others.Count}\n"));
            writer.Write(string.Join(' ', others));
            writer.Write('\n');
        }
    }

    /// <summary>Reads a GAL file; units are indexed in the order their blocks appear.</summary>
    public static GalContents Read(TextReader reader, IslandPolicy islandPolicy = IslandPolicy.Reject)
    {
        var tokens = new Queue<string>();
        var header = NextLine(reader) ?? throw new FormatException("Empty GAL file.");
        var headerTokens = Split(header);
        var countToken = headerTokens.Length switch
        {
            1 => headerTokens[0],
            >= 2 => headerTokens[1],
            _ => throw new FormatException("GAL header is empty."),
        };
        if (!int.TryParse(countToken, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0)
            throw new FormatException($"GAL header '{header}' has no unit count.");

        string Take()
        {
            while (tokens.Count == 0)
            {
                var line = NextLine(reader) ?? throw new FormatException("GAL file ends early.");
                foreach (var t in Split(line)) tokens.Enqueue(t);
            }
            return tokens.Dequeue();
        }

        var ids = new string[n];
        var raw = new string[n][];
        for (var i = 0; i < n; i++)
        {
            ids[i] = Take();
            if (!int.TryParse(Take(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) || k < 0)
                throw new FormatException($"GAL unit '{ids[i]}' has no valid neighbour count.");
            raw[i] = Enumerable.Range(0, k).Select(_ => Take()).ToArray();
        }

        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            if (!index.TryAdd(ids[i], i)) throw new FormatException($"GAL unit id '{ids[i]}' appears twice.");
        }
        var lists = raw.Select((row, i) => (IReadOnlyList<int>)row.Select(id => index.TryGetValue(id, out var j)
            ? j
            : throw new FormatException($"GAL unit '{ids[i]}' lists unknown neighbour '{id}'.")).ToArray()).ToArray();
        return new GalContents(SpatialWeights.FromNeighbours(lists, islandPolicy), ids);
    }

    private static string? NextLine(TextReader reader)
    {
        string? line;
        while ((line = reader.ReadLine()) is not null && line.Trim().Length == 0)
        {
        }
        return line;
    }

    private static string[] Split(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
