using System.Globalization;
using System.Resources;

namespace DiaBan.Analytics.Classification;

/// <summary>The input figures a criterion can read; flags so a set of them is one comparable value.</summary>
[Flags]
public enum IndicatorField
{
    None = 0,
    PopulationResident = 1 << 0,
    UsersAddictsManaged = 1 << 1,
    HarbouringPlacesActiveAtEnd = 1 << 2,
    HarbouringPlacesDetectedInPeriod = 1 << 3,
    OffendersArrested = 1 << 4,
    PlantsDestroyedCount = 1 << 5,
    PlantsDestroyedM2 = 1 << 6,
    OnKeyRoute = 1 << 7,
    Hotspots = 1 << 8,
}

public static class IndicatorFieldInfo
{
    public static IReadOnlyList<IndicatorField> Singles { get; } =
        Enum.GetValues<IndicatorField>().Where(f => f != IndicatorField.None).ToArray();

    /// <summary>The single fields contained in a set, in declaration order.</summary>
    public static IReadOnlyList<IndicatorField> Split(this IndicatorField set) =>
        Singles.Where(f => (set & f) == f).ToArray();

    /// <summary>The snake_case column name used in <c>unit_indicator</c> and in messages.</summary>
    public static string ColumnName(this IndicatorField field) => field switch
    {
        IndicatorField.PopulationResident => "population_resident",
        IndicatorField.UsersAddictsManaged => "users_addicts_managed",
        IndicatorField.HarbouringPlacesActiveAtEnd => "harbouring_places_active_at_end",
        IndicatorField.HarbouringPlacesDetectedInPeriod => "harbouring_places_detected_in_period",
        IndicatorField.OffendersArrested => "offenders_arrested",
        IndicatorField.PlantsDestroyedCount => "plants_destroyed_count",
        IndicatorField.PlantsDestroyedM2 => "plants_destroyed_m2",
        IndicatorField.OnKeyRoute => "on_key_route",
        IndicatorField.Hotspots => "hotspots",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a single field"),
    };

    private static readonly ResourceManager Labels = new("DiaBan.Analytics.Classification.IndicatorLabels", typeof(IndicatorField).Assembly);

    /// <summary>
    /// The field's name for a reader (the one home of these labels: report source columns, the figures form, the map
    /// panel): Vietnamese by default, English when <paramref name="culture"/> (default: the current UI culture) is English
    /// (<c>IndicatorLabels.resx</c>, <c>IndicatorLabels.en.resx</c>).
    /// </summary>
    public static string Label(this IndicatorField field, CultureInfo? culture = null) =>
        Labels.GetString(field.ColumnName(), culture ?? CultureInfo.CurrentUICulture) ?? field.ColumnName();

    /// <summary>The single field of a <c>unit_indicator</c> column name (as the classifier's inputs name it), or null.</summary>
    public static IndicatorField? FromColumnName(string column) =>
        Singles.FirstOrDefault(f => f.ColumnName() == column) is var f && f != IndicatorField.None ? f : null;
}
