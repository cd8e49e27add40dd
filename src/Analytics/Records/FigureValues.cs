using System.Globalization;
using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;

namespace DiaBan.Analytics.Records;

/// <summary>
/// The figures a commune enters for a period on the web form (DOMAIN §1.8, the <c>unit_indicator</c> columns by their
/// <see cref="IndicatorFieldInfo.ColumnName"/>): counts are whole numbers ≥ 0, the destroyed area (m²) a number ≥ 0,
/// key-route membership none / intra / inter. A field left empty is "not reported" (null), never zero.
/// </summary>
public sealed record FigureValues(IReadOnlyDictionary<IndicatorField, double> Numbers, string? OnKeyRoute)
{
    public static FigureValues Empty { get; } = new(new Dictionary<IndicatorField, double>(), null);

    public static readonly IReadOnlyList<string> RouteCodes = ["none", "intra", "inter"];

    /// <summary>The fields present (entered), as a set.</summary>
    public IndicatorField Present => Numbers.Keys.Aggregate(OnKeyRoute is null ? IndicatorField.None : IndicatorField.OnKeyRoute, (a, f) => a | f);

    /// <summary>Column name → value as text (for the form and the JSON): "1234", "12.5", "intra".</summary>
    public IReadOnlyDictionary<string, string> AsText()
    {
        var text = Numbers.ToDictionary(kv => kv.Key.ColumnName(), kv => kv.Value.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        if (OnKeyRoute is { } route) text[IndicatorField.OnKeyRoute.ColumnName()] = route;
        return text;
    }

    /// <summary>
    /// Reads column → text. Unknown columns and bad values are errors naming the field; empty values are left out.
    /// </summary>
    public static (FigureValues? Values, IReadOnlyList<FieldError> Errors) Parse(IReadOnlyDictionary<string, string?> fields)
    {
        var errors = new List<FieldError>();
        var numbers = new Dictionary<IndicatorField, double>();
        string? route = null;
        foreach (var (column, raw) in fields)
        {
            var field = IndicatorFieldInfo.Singles.Where(f => f.ColumnName() == column).Cast<IndicatorField?>().FirstOrDefault();
            if (field is not { } f)
            {
                errors.Add(new FieldError(column, $"không có chỉ tiêu '{column}' / unknown figure"));
                continue;
            }
            var text = raw?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            if (f == IndicatorField.OnKeyRoute)
            {
                if (RouteCodes.Contains(text.ToLowerInvariant())) route = text.ToLowerInvariant();
                else errors.Add(new FieldError(column, $"'{text}': một trong / one of {string.Join(", ", RouteCodes)}"));
                continue;
            }
            var whole = f != IndicatorField.PlantsDestroyedM2;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0
                || value > 1e9 || (whole && value != Math.Floor(value)))
            {
                errors.Add(new FieldError(column, whole
                    ? $"'{text}': số nguyên không âm / a whole number ≥ 0"
                    : $"'{text}': số không âm / a number ≥ 0"));
                continue;
            }
            numbers[f] = value;
        }
        return errors.Count > 0 ? (null, errors) : (new FigureValues(numbers, route), []);
    }
}
