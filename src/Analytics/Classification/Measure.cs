using System.Text.Json.Serialization;

namespace DiaBan.Analytics.Classification;

/// <summary>A quantity a criterion compares with a threshold, computed from <see cref="IndicatorFigures"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Measure>))]
public enum Measure
{
    /// <summary>users_addicts_managed ÷ population_resident, as a fraction (0.005 = 0.5 %).</summary>
    [JsonStringEnumMemberName("users_rate")] UsersRate,
    [JsonStringEnumMemberName("users_count")] UsersCount,
    /// <summary>Harbouring places discovered during the period (the reading the shipped rule sets use).</summary>
    [JsonStringEnumMemberName("harbouring_places_detected")] HarbouringPlacesDetected,
    /// <summary>Harbouring places still active at the end of the period.</summary>
    [JsonStringEnumMemberName("harbouring_places_active")] HarbouringPlacesActive,
    /// <summary>offenders_arrested ÷ population_resident, as a fraction (0.001 = 0.1 %).</summary>
    [JsonStringEnumMemberName("offenders_rate")] OffendersRate,
    [JsonStringEnumMemberName("offenders_count")] OffendersCount,
    [JsonStringEnumMemberName("plants_count")] PlantsCount,
    [JsonStringEnumMemberName("plants_m2")] PlantsM2,
    [JsonStringEnumMemberName("hotspots_count")] HotspotsCount,
}

/// <summary>The value of a measure for one unit, with the figures it was read from.</summary>
/// <param name="Value">null when an input is missing (or the population is not positive for a rate); a rate whose
/// numerator is 0 is 0 even when the population is unknown.</param>
public readonly record struct MeasureReading(double? Value, IndicatorField Inputs, IndicatorField Missing);

public static class MeasureReader
{
    public static MeasureReading Read(Measure measure, IndicatorFigures figures) => measure switch
    {
        Measure.UsersRate => Rate(figures.UsersAddictsManaged, IndicatorField.UsersAddictsManaged, figures.PopulationResident),
        Measure.UsersCount => Count(figures.UsersAddictsManaged, IndicatorField.UsersAddictsManaged),
        Measure.HarbouringPlacesDetected => Count(figures.HarbouringPlacesDetectedInPeriod, IndicatorField.HarbouringPlacesDetectedInPeriod),
        Measure.HarbouringPlacesActive => Count(figures.HarbouringPlacesActiveAtEnd, IndicatorField.HarbouringPlacesActiveAtEnd),
        Measure.OffendersRate => Rate(figures.OffendersArrested, IndicatorField.OffendersArrested, figures.PopulationResident),
        Measure.OffendersCount => Count(figures.OffendersArrested, IndicatorField.OffendersArrested),
        Measure.PlantsCount => Count(figures.PlantsDestroyedCount, IndicatorField.PlantsDestroyedCount),
        Measure.PlantsM2 => new(figures.PlantsDestroyedM2, IndicatorField.PlantsDestroyedM2,
            figures.PlantsDestroyedM2 is null ? IndicatorField.PlantsDestroyedM2 : IndicatorField.None),
        Measure.HotspotsCount => Count(figures.Hotspots, IndicatorField.Hotspots),
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, null),
    };

    private static MeasureReading Count(int? value, IndicatorField field) =>
        new(value, field, value is null ? field : IndicatorField.None);

    private static MeasureReading Rate(int? numerator, IndicatorField field, int? population)
    {
        var inputs = field | IndicatorField.PopulationResident;
        // nobody over an unknown population is still a rate of 0: the figures present decide it
        if (numerator == 0 && population is null) return new(0, inputs, IndicatorField.None);
        // a non-positive population cannot be a denominator: report it as missing rather than divide by it
        var missing = (numerator is null ? field : IndicatorField.None)
                      | (population is null or <= 0 ? IndicatorField.PopulationResident : IndicatorField.None);
        return missing != IndicatorField.None
            ? new(null, inputs, missing)
            : new((double)numerator!.Value / population!.Value, inputs, IndicatorField.None);
    }
}
