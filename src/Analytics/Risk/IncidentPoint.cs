using DiaBan.Analytics.Domain;

namespace DiaBan.Analytics.Risk;

/// <summary>
/// One recorded incident: the commune it fell in (index into the panel's units), its absolute quarter
/// (<see cref="CalendarQuarter.Ordinal"/>), kind, how it was discovered, and its position in a projected CRS (metres).
/// </summary>
public readonly record struct IncidentPoint(int Unit, int Quarter, IncidentKind Kind, DiscoverySource Source, double X, double Y);
