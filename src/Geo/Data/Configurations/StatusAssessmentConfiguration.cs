using DiaBan.Analytics.Classification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class StatusAssessmentConfiguration : IEntityTypeConfiguration<StatusAssessment>
{
    // the stable codes the enums define ("key_type_ii", "3122"): the stored text is unchanged
    private static readonly ValueConverter<CommuneStatus, string> StatusCode = new(s => s.Code(), c => CommuneStatusInfo.FromCode(c));
    private static readonly ValueConverter<CriteriaRegime, string> RegimeCode = new(r => r.Code(), c => CriteriaRegimeInfo.FromCode(c));

    public void Configure(EntityTypeBuilder<StatusAssessment> b)
    {
        b.ToTable("status_assessment");
        b.Property(x => x.RuleSetId).HasMaxLength(64).IsRequired();
        b.Property(x => x.Regime).HasConversion(RegimeCode).HasMaxLength(64).IsRequired();
        b.Property(x => x.ComputedStatus).HasConversion(StatusCode).HasMaxLength(32).IsRequired();
        b.Property(x => x.Criteria).HasColumnType("jsonb").IsRequired();
        b.Property(x => x.Inputs).HasColumnType("jsonb").IsRequired();
        b.Property(x => x.DerivedInputs).HasColumnType("text[]");
        b.Property(x => x.OfficialStatus).HasConversion(StatusCode).HasMaxLength(32);
        b.Property(x => x.OfficialBy).HasMaxLength(100);
        b.Property(x => x.OfficialReason).HasMaxLength(1000);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.Ignore(x => x.EffectiveStatus);
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<RuleSetRecord>().WithMany().HasForeignKey(x => new { x.RuleSetId, x.RuleSetVersion })
            .OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.UnitId, x.Year }).IsUnique();
        b.HasIndex(x => x.Year);
    }
}
