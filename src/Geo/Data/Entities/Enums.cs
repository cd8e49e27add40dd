namespace DiaBan.Geo.Data;

/// <summary>Administrative level of a unit (after 1/7/2025 Vietnam has two tiers: province and commune).</summary>
public enum UnitLevel { Province, Commune }

/// <summary>Kind of unit: xã, phường, thị trấn (pre-2025 only), đặc khu, tỉnh, thành phố (trực thuộc TW).</summary>
public enum UnitKind { Xa, Phuong, ThiTran, DacKhu, Tinh, ThanhPho }

/// <summary>How an old unit went into a new one (crosswalk merge_type).</summary>
public enum MergeType { Full, Partial }

/// <summary>What an incident record is; drives which indicator it feeds (DOMAIN §1.8).</summary>
public enum IncidentKind
{
    /// <summary>Arrest of drug offenders; persons feed offenders_arrested.</summary>
    Arrest,
    /// <summary>A place organising or harbouring drug use found (địa điểm tổ chức, chứa chấp SDTP).</summary>
    UseSite,
    /// <summary>Illicit plants destroyed; plants and area_m2 feed plants_destroyed_*.</summary>
    PlantSite,
    /// <summary>Seizure of drugs without an arrest recorded here.</summary>
    Seizure,
    Other,
    /// <summary>A drug dealing point found (điểm mua bán); counted in the 3122-era hotspots.</summary>
    DealingSite,
    /// <summary>A violation found when inspecting a conditional business.</summary>
    InspectionViolation,
    /// <summary>A tip-off (tin báo, tố giác) not (yet) verified.</summary>
    Tip,
}

/// <summary>Key complex drug route (tuyến trọng điểm): within the province or between provinces.</summary>
public enum RouteKind { Intra, Inter }

/// <summary>Whether a commune lies on a declared key route corridor (criterion đ); null in data = unknown.</summary>
public enum KeyRouteMembership { None, Intra, Inter }

/// <summary>Conditional business lines relevant to drug prevention (karaoke, bar, hotel...).</summary>
public enum BusinessKind { Karaoke, Bar, Hotel, Other }
