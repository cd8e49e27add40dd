namespace DiaBan.Geo.Data;

/// <summary>Administrative level of a unit (after 1/7/2025 Vietnam has two tiers: province and commune).</summary>
public enum UnitLevel { Province, Commune }

/// <summary>Kind of unit: xã, phường, thị trấn (pre-2025 only), đặc khu, tỉnh, thành phố (trực thuộc TW).</summary>
public enum UnitKind { Xa, Phuong, ThiTran, DacKhu, Tinh, ThanhPho }

/// <summary>How an old unit went into a new one (crosswalk merge_type).</summary>
public enum MergeType { Full, Partial }

/// <summary>Key complex drug route (tuyến trọng điểm): within the province or between provinces.</summary>
public enum RouteKind { Intra, Inter }

/// <summary>Whether a commune lies on a declared key route corridor (criterion đ); null in data = unknown.</summary>
public enum KeyRouteMembership { None, Intra, Inter }

/// <summary>Conditional business lines relevant to drug prevention (karaoke, bar, hotel...).</summary>
public enum BusinessKind { Karaoke, Bar, Hotel, Other }
