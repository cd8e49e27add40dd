using System.Globalization;

namespace DiaBan.Analytics.Statistics.Runs;

/// <summary>How neighbours are found: shared boundary (queen, rook), k nearest centroids, or centroids within a distance.</summary>
public enum WeightsKind
{
    Queen,
    Rook,
    KNearest,
    DistanceBand,
}

/// <summary>spdep's weight styles the runs offer: binary ("B") or row-standardised ("W").</summary>
public enum WeightsTransform
{
    Binary,
    RowStandardised,
}

/// <summary>A neighbour rule as users write it: <c>queen</c>, <c>rook</c>, <c>knn:K</c> or <c>band:METRES</c>.</summary>
public sealed record WeightsSpec(WeightsKind Kind, int K = 0, double BandMetres = 0)
{
    public static WeightsSpec Queen { get; } = new(WeightsKind.Queen);

    public static WeightsSpec Rook { get; } = new(WeightsKind.Rook);

    /// <summary>True for k-nearest and distance band: they need coordinates in metres.</summary>
    public bool IsDistanceBased => Kind is WeightsKind.KNearest or WeightsKind.DistanceBand;

    /// <summary>Parses queen | rook | knn:K | band:METRES; throws <see cref="FormatException"/> naming what is expected.</summary>
    public static WeightsSpec Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var colon = t.IndexOf(':');
        var head = colon < 0 ? t : t[..colon];
        var arg = colon < 0 ? null : t[(colon + 1)..];
        switch (head)
        {
            case "queen" when arg is null:
                return Queen;
            case "rook" when arg is null:
                return Rook;
            case "knn" when int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1:
                return new WeightsSpec(WeightsKind.KNearest, K: k);
            case "band" when double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out var metres) && metres > 0 && double.IsFinite(metres):
                return new WeightsSpec(WeightsKind.DistanceBand, BandMetres: metres);
            default:
                throw new FormatException(
                    $"weights '{text}': expected queen, rook, knn:K (K ≥ 1) or band:METRES (> 0) / trọng số không hợp lệ");
        }
    }

    public override string ToString() => Kind switch
    {
        WeightsKind.Queen => "queen",
        WeightsKind.Rook => "rook",
        WeightsKind.KNearest => FormattableString.Invariant($"knn:{K}"),
        _ => FormattableString.Invariant($"band:{BandMetres:R}"),
    };

    public static string Code(WeightsTransform transform) => transform == WeightsTransform.Binary ? "B" : "W";

    /// <summary>Parses spdep's style letters B | W.</summary>
    public static WeightsTransform ParseTransform(string text) => text.Trim().ToUpperInvariant() switch
    {
        "B" => WeightsTransform.Binary,
        "W" => WeightsTransform.RowStandardised,
        _ => throw new FormatException($"transform '{text}': expected B (binary) or W (row-standardised)"),
    };
}

/// <summary>Applies a <see cref="WeightsTransform"/> to built weights.</summary>
public static class WeightsTransformExtensions
{
    public static Spatial.SpatialWeights Styled(this Spatial.SpatialWeights weights, WeightsTransform transform) =>
        transform == WeightsTransform.Binary ? weights.ToBinary() : weights.ToRowStandardised();
}
