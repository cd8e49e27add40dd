using DiaBan.Analytics.Domain;
using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Province;

/// <summary>
/// Monthly Poisson process per cell, rate = base × population × the unit's intensity × season, plus incidents drawn
/// around open conditional businesses and along key routes. Kinds, persons, plants and provenance follow the kind.
/// </summary>
internal sealed class IncidentSimulator
{
    // incidents per resident per year at intensity 1 (gives a few hundred to low thousands a year per province)
    private const double BaseRatePerPersonYear = 0.00048;
    private const double BusinessRatePerMonth = 0.06;
    private const double RouteIncidentsPerMonth = 6.0;
    // most finds on the road are checkpoint seizures; an arrest there counts for the commune it happens in
    private const double RouteSeizureShare = 0.9;

    private static readonly IncidentKind[] AreaKinds =
        [IncidentKind.Arrest, IncidentKind.Seizure, IncidentKind.UseSite, IncidentKind.DealingSite, IncidentKind.PlantSite, IncidentKind.Tip];
    private static readonly double[] UrbanKindWeights = [0.44, 0.08, 0.07, 0.13, 0.01, 0.27];
    private static readonly double[] RuralKindWeights = [0.36, 0.08, 0.05, 0.09, 0.03, 0.39];
    private static readonly IncidentKind[] BusinessKinds = [IncidentKind.InspectionViolation, IncidentKind.UseSite, IncidentKind.DealingSite];
    private static readonly double[] BusinessKindWeights = [0.40, 0.35, 0.25];

    private readonly IntensityModel _intensity;
    private readonly CellLocator _locator;
    private readonly LocalMetricFrame _frame;
    private readonly IReadOnlyList<(DemoRoute Route, LineString Metres)> _routes;
    private readonly IReadOnlyList<DemoBusiness> _businesses;
    private readonly Random _random;
    private readonly double _scale;
    private readonly Dictionary<string, int> _unitIndex;
    private readonly List<DemoIncident> _incidents = [];

    public IncidentSimulator(IReadOnlyList<DemoUnit> preMergerUnits, IntensityModel intensity, CellLocator locator, LocalMetricFrame frame,
        IReadOnlyList<(DemoRoute Route, LineString Metres)> routes, IReadOnlyList<DemoBusiness> businesses, Random random, double scale)
    {
        (_intensity, _locator, _frame, _routes, _businesses, _random, _scale) =
            (intensity, locator, frame, routes, businesses, random, scale);
        // the intensity model indexes units as the pre-merger list does
        _unitIndex = preMergerUnits.Select((u, i) => (u.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<DemoIncident> Run()
    {
        for (var month = 0; month < IntensityModel.MonthCount; month++)
        {
            AreaIncidents(month);
            BusinessIncidents(month);
            RouteIncidents(month);
        }
        // ids follow the date; the sort is stable so same-day incidents keep their generation order
        return _incidents.OrderBy(i => i.Date).Select((incident, n) => incident with { Id = n + 1 }).ToArray();
    }

    private void AreaIncidents(int month)
    {
        var year = IntensityModel.MonthStart(month).Year;
        var season = IntensityModel.Season(month);
        foreach (var cell in _locator.Cells)
        {
            var unit = _unitIndex[cell.Old.Code];
            var rate = BaseRatePerPersonYear / 12 * PopulationModel.InYear(cell.Old, year) * cell.PopulationShare
                       * _intensity.Factor(unit, cell.New.Code, month) * season * _scale;
            var weights = cell.Old.Kind.IsUrban() ? UrbanKindWeights : RuralKindWeights;
            for (var k = 0; k < AreaKinds.Length; k++)
            {
                var count = _random.Poisson(rate * weights[k]);
                for (var n = 0; n < count; n++) Add(AreaKinds[k], month, cell, _locator.Sample(cell, _random));
            }
        }
    }

    // open karaoke bars and hotels attract use and dealing nearby and produce inspection findings
    private void BusinessIncidents(int month)
    {
        var start = IntensityModel.MonthStart(month);
        foreach (var business in _businesses.Where(b => b.Opened <= start))
        {
            var unit = _unitIndex[business.PreMergerUnitCode];
            // damped in busy units (a bar does not multiply with the ward), but silent where the unit is silent
            var factor = _intensity.Factor(unit, business.PostMergerUnitCode, month);
            var rate = BusinessRatePerMonth * (factor >= 1 ? Math.Sqrt(factor) : factor) * IntensityModel.Season(month) * _scale;
            var count = _random.Poisson(rate);
            for (var n = 0; n < count; n++)
            {
                var kind = BusinessKinds[_random.PickWeighted(BusinessKindWeights)];
                var premises = new Coordinate(business.Lon, business.Lat);
                var at = kind == IncidentKind.InspectionViolation ? premises : Near(premises, kind == IncidentKind.UseSite ? 150 : 250);
                var cell = _locator.Find(at);
                // a point pushed outside the province falls back onto the premises
                if (cell is null) (at, cell) = (premises, _locator.Find(premises)!);
                Add(kind, month, cell, at);
            }
        }
    }

    // transport along the corridors: seizures and arrests on the road
    private void RouteIncidents(int month)
    {
        if (_routes.Count == 0) return;
        var lengths = _routes.Select(r => r.Metres.Length).ToArray();
        var count = _random.Poisson(RouteIncidentsPerMonth * IntensityModel.Season(month) * _scale);
        for (var n = 0; n < count; n++)
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var (route, metres) = _routes[_random.PickWeighted(lengths)];
                var at = RoutePlanner.PointNear(metres, route.BufferMetres, _frame, _random);
                if (_locator.Find(at) is not { } cell) continue;
                Add(_random.Chance(RouteSeizureShare) ? IncidentKind.Seizure : IncidentKind.Arrest, month, cell, at,
                    _random.Chance(0.7) ? IncidentSource.Patrol : IncidentSource.Investigation);
                break;
            }
        }
    }

    private Coordinate Near(Coordinate lonLat, double spreadMetres)
    {
        var metres = _frame.ToMetres(lonLat.X, lonLat.Y);
        var moved = _frame.ToLonLat(metres.X + _random.Normal(0, spreadMetres / 2), metres.Y + _random.Normal(0, spreadMetres / 2));
        return CellLocator.Round(moved.X, moved.Y);
    }

    private void Add(IncidentKind kind, int month, Cell cell, Coordinate at, IncidentSource? source = null)
    {
        var start = IntensityModel.MonthStart(month);
        var date = start.AddDays(_random.Next(DateTime.DaysInMonth(start.Year, start.Month)));
        var (plants, area) = kind == IncidentKind.PlantSite ? Plants() : (0, 0.0);
        _incidents.Add(new DemoIncident
        {
            Id = 0,
            Date = date,
            Kind = kind,
            Lon = at.X,
            Lat = at.Y,
            Persons = Persons(kind),
            Plants = plants,
            AreaM2 = area,
            Source = source ?? Source(kind),
            PreMergerUnitCode = cell.Old.Code,
            PostMergerUnitCode = cell.New.Code,
        });
    }

    private int Persons(IncidentKind kind) => kind switch
    {
        IncidentKind.Arrest => Math.Min(6, 1 + Geometric(0.5)),
        IncidentKind.Seizure => _random.Chance(0.5) ? 0 : 1 + Geometric(0.7),
        IncidentKind.UseSite => 2 + _random.Poisson(2),
        IncidentKind.DealingSite => _random.Poisson(1),
        IncidentKind.PlantSite => _random.Chance(0.6) ? 1 : 0,
        IncidentKind.InspectionViolation => 1 + _random.Poisson(1.5),
        _ => 0,
    };

    // plants log-normal around 150, about 4 per m² (the ratio behind Decision 28's plant and area bounds)
    private (int Plants, double AreaM2) Plants()
    {
        var plants = (int)Math.Clamp(Math.Round(Math.Exp(_random.Normal(Math.Log(150), 1.0))), 5, 5_000);
        return (plants, Math.Round(plants / _random.Uniform(3, 5), 1));
    }

    private int Geometric(double stop)
    {
        var failures = 0;
        while (!_random.Chance(stop)) failures++;
        return failures;
    }

    private IncidentSource Source(IncidentKind kind)
    {
        (IncidentSource, double)[] mix = kind switch
        {
            IncidentKind.Arrest => [(IncidentSource.Patrol, 0.45), (IncidentSource.Investigation, 0.30), (IncidentSource.Tip, 0.20), (IncidentSource.Other, 0.05)],
            IncidentKind.Seizure => [(IncidentSource.Patrol, 0.50), (IncidentSource.Investigation, 0.35), (IncidentSource.Tip, 0.10), (IncidentSource.Other, 0.05)],
            IncidentKind.UseSite => [(IncidentSource.Tip, 0.45), (IncidentSource.Patrol, 0.25), (IncidentSource.Investigation, 0.25), (IncidentSource.Inspection, 0.05)],
            IncidentKind.DealingSite => [(IncidentSource.Tip, 0.40), (IncidentSource.Investigation, 0.40), (IncidentSource.Patrol, 0.20)],
            IncidentKind.PlantSite => [(IncidentSource.Patrol, 0.50), (IncidentSource.Tip, 0.30), (IncidentSource.Inspection, 0.10), (IncidentSource.Other, 0.10)],
            IncidentKind.InspectionViolation => [(IncidentSource.Inspection, 1.0)],
            _ => [(IncidentSource.Tip, 1.0)],
        };
        return mix[_random.PickWeighted(mix.Select(m => m.Item2).ToArray())].Item1;
    }
}
