namespace DiaBan.Web.Map;

/// <summary>How diabanMap.js draws one unit: fill colour, hatch for provisional criteria, bold outline when official, tooltip.</summary>
public sealed record UnitStyle(string Fill, bool Hatch, bool Official, string Label);
