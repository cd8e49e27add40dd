using BusinessKind = DiaBan.Geo.Data.BusinessKind;
using DiaBan.Analytics.Domain;

namespace DiaBan.Demo.Province;

/// <summary>
/// One geocoded incident. Carries no names. The point lies inside both its pre-merger and its post-merger unit;
/// <see cref="UnitCode"/> is the one in force on the incident's date.
/// </summary>
public sealed record DemoIncident
{
    public required int Id { get; init; }
    public required DateOnly Date { get; init; }
    public required IncidentKind Kind { get; init; }
    public required double Lon { get; init; }
    public required double Lat { get; init; }
    public required int Persons { get; init; }
    public required int Plants { get; init; }
    public required double AreaM2 { get; init; }
    public required IncidentSource Source { get; init; }
    public required string PreMergerUnitCode { get; init; }
    public required string PostMergerUnitCode { get; init; }

    public string UnitCode => Date < DemoCalendar.MergerDate ? PreMergerUnitCode : PostMergerUnitCode;
}

/// <summary>A conditional business (cơ sở kinh doanh có điều kiện về ANTT): karaoke, bar, hotel / guest house.</summary>
public sealed record DemoBusiness
{
    public required string Id { get; init; }
    public required BusinessKind Kind { get; init; }
    public required string Name { get; init; }
    public required DateOnly Opened { get; init; }
    public required double Lon { get; init; }
    public required double Lat { get; init; }
    public required string PreMergerUnitCode { get; init; }
    public required string PostMergerUnitCode { get; init; }
}
