using DiaBan.Analytics.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DiaBan.Geo.Data.Configurations;

internal sealed class FigureEntryConfiguration : IEntityTypeConfiguration<FigureEntry>
{
    public void Configure(EntityTypeBuilder<FigureEntry> b)
    {
        b.ToTable("figure_entry", t =>
        {
            t.HasCheckConstraint("ck_figure_entry_state", "state IN ('draft', 'submitted', 'verified', 'returned')");
            t.HasCheckConstraint("ck_figure_entry_dates", "period_start < period_end AND year = extract(year FROM period_start)");
            t.HasCheckConstraint("ck_figure_entry_returned", "state <> 'returned' OR returned_reason IS NOT NULL");
        });
        b.Property(x => x.Period).HasMaxLength(8).IsRequired();
        b.Property(x => x.Figures).HasColumnType("jsonb").IsRequired();
        b.Property(x => x.State).HasConversion(new SnakeCaseEnumConverter<ReviewState>()).HasMaxLength(16);
        b.Property(x => x.EnteredBy).HasMaxLength(100).IsRequired();
        b.Property(x => x.SubmittedBy).HasMaxLength(100);
        b.Property(x => x.ApprovedBy).HasMaxLength(100);
        b.Property(x => x.ReturnedBy).HasMaxLength(100);
        b.Property(x => x.ReturnedReason).HasMaxLength(1000);
        b.Property(x => x.Version).IsRowVersion().HasColumnName("xmin");
        b.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        // one form per commune and period; the review queue reads by period and state
        b.HasIndex(x => new { x.UnitId, x.Period }).IsUnique();
        b.HasIndex(x => new { x.Period, x.State });
    }
}
