namespace DiaBan.Web.Map;

/// <summary>How diabanMap.js fills one feature of the overlay layer (e.g. a density cell).</summary>
public sealed record OverlayStyle(string Fill, double Opacity);
