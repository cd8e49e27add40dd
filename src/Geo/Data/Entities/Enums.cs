namespace DiaBan.Geo.Data;

/// <summary>
/// Administrative level of a unit. Before 1/7/2025 Vietnam had three tiers (province, district, commune); the 2025
/// reform abolished the district, so district units all end on 2025-07-01 (<see cref="AdminUnit.DistrictId"/> links a
/// pre-2025 commune to its district; its parent stays the province).
/// </summary>
public enum UnitLevel { Province, Commune, District }

/// <summary>Facts of the levels that hold across the code: when the district level ended.</summary>
public static class UnitLevels
{
    /// <summary>The first day without districts (Resolution 202/2025/QH15: two-tier local government from 1 July 2025).</summary>
    public static readonly DateOnly DistrictsAbolishedOn = new(2025, 7, 1);

    /// <summary>Whether districts existed on <paramref name="day"/>.</summary>
    public static bool HasDistricts(DateOnly day) => day < DistrictsAbolishedOn;
}

/// <summary>
/// Kind of unit: xã, phường, thị trấn (pre-2025 only), đặc khu, tỉnh, thành phố (trực thuộc TW, or a provincial city
/// at district level); districts (pre-2025 only): quận, huyện, thị xã.
/// </summary>
public enum UnitKind { Xa, Phuong, ThiTran, DacKhu, Tinh, ThanhPho, Quan, Huyen, ThiXa }

/// <summary>How an old unit went into a new one (crosswalk merge_type).</summary>
public enum MergeType { Full, Partial }

/// <summary>Key complex drug route (tuyến trọng điểm): within the province or between provinces.</summary>
public enum RouteKind { Intra, Inter }

/// <summary>Whether a commune lies on a declared key route corridor (criterion đ); null in data = unknown.</summary>
public enum KeyRouteMembership { None, Intra, Inter }

/// <summary>Conditional business lines relevant to drug prevention (karaoke, bar, hotel...).</summary>
public enum BusinessKind { Karaoke, Bar, Hotel, Other }
