namespace DiaBan.Geo.Services;

/// <summary>Where a figure fed to the classifier came from, when it was not reported for the unit and year.</summary>
public enum FigureSource
{
    /// <summary>Counted from geocoded incidents inside the unit's boundary during the year.</summary>
    Incidents,
    /// <summary>Counted from the verified steps of the drug spots recorded inside the unit's boundary (drug_spot_step).</summary>
    Spots,
    /// <summary>Summed from the predecessor units' figures through unit_lineage shares (an estimate, DOMAIN §4).</summary>
    Lineage,
    /// <summary>The unit's census population (admin_unit.population), not the police residence figure.</summary>
    Census,
    /// <summary>The unit's boundary against the declared key route corridors.</summary>
    KeyRoutes,
}
