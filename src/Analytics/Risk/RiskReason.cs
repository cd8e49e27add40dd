namespace DiaBan.Analytics.Risk;

/// <summary>One feature that pushed a commune's score up, with its value, its log-odds contribution and a Vietnamese phrase.</summary>
public sealed record RiskReason(string Feature, double Value, double Contribution, string Text);
