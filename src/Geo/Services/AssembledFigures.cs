using DiaBan.Analytics.Classification;

namespace DiaBan.Geo.Services;

/// <summary>One unit's figures for a year and, for every figure not reported, where it came from.</summary>
public sealed record AssembledFigures(int UnitId, IndicatorFigures Figures, IReadOnlyDictionary<IndicatorField, FigureSource> Derived)
{
    /// <summary>"offenders_arrested:incidents", … as stored in status_assessment.derived_inputs.</summary>
    public List<string> DerivedLabels() =>
        Derived.OrderBy(d => d.Key).Select(d => $"{d.Key.ColumnName()}:{Data.SnakeCase.Of(d.Value)}").ToList();

    /// <summary>True when any figure is a lineage estimate (a merged unit's status then rests on estimated inputs).</summary>
    public bool Estimated => Derived.Values.Contains(FigureSource.Lineage);
}
