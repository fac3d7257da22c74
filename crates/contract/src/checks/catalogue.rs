//! The catalogue: the wizard has it compiled in, so the backend must know every region and every
//! service variant of it, and resolve each the same way.

use super::{Checked, Ctx, Verdict};
use crate::client::Call;
use egov_domain::catalogue::ServiceView;
use egov_domain::region::Region;
use egov_domain::LocalizedText;
use std::collections::BTreeSet;

fn named(name: &LocalizedText) -> bool {
    !name.kk.trim().is_empty() && !name.ru.trim().is_empty()
}

pub async fn regions(ctx: &mut Ctx) -> Checked {
    let reply = ctx.send(Call::get("/regions")).await?;
    let regions: Vec<Region> = reply.expect_json(200, "the Region list")?;
    for wanted in &ctx.catalogue.regions {
        let found = regions.iter().find(|r| r.id == wanted.id);
        reply.ensure(
            found.is_some_and(|r| named(&r.name)),
            format!("region {} listed, named in kk and ru", wanted.id),
        )?;
    }
    Ok(())
}

/// Every (service, region) pair of the wizard's catalogue.
fn variants(ctx: &Ctx) -> BTreeSet<(String, String)> {
    ctx.catalogue
        .services
        .iter()
        .flat_map(|s| s.regions().map(move |r| (s.id.to_string(), r.to_string())))
        .collect()
}

pub async fn services(ctx: &mut Ctx) -> Checked {
    let reply = ctx.send(Call::get("/services")).await?;
    let views: Vec<ServiceView> = reply.expect_json(200, "the ServiceView list")?;
    let got: BTreeSet<(String, String)> = views
        .iter()
        .map(|v| (v.id.to_string(), v.region.to_string()))
        .collect();
    let missing: Vec<String> = variants(ctx)
        .difference(&got)
        .map(|(s, r)| format!("{s} in {r}"))
        .collect();
    reply.ensure(
        missing.is_empty(),
        format!(
            "every service in every region; missing: {}",
            missing.join(", ")
        ),
    )?;
    Ok(())
}

pub async fn services_of_region(ctx: &mut Ctx) -> Checked {
    let region = ctx.catalogue.regions[0].id.clone();
    let reply = ctx
        .send(Call::get(format!("/services?region={region}")))
        .await?;
    let views: Vec<ServiceView> = reply.expect_json(200, "the ServiceView list")?;
    let got: BTreeSet<String> = views.iter().map(|v| v.id.to_string()).collect();
    let wanted: BTreeSet<String> = ctx
        .catalogue
        .for_region(&region)
        .map(|v| v.id.to_string())
        .collect();
    reply.ensure(
        got == wanted && views.iter().all(|v| v.region == region),
        format!("exactly the services of {region}, each resolved to it: {wanted:?}"),
    )?;
    Ok(())
}

pub async fn every_service_resolves(ctx: &mut Ctx) -> Checked {
    for (service, region) in variants(ctx) {
        let reply = ctx
            .send(Call::get(format!("/services/{service}?region={region}")))
            .await?;
        let view: ServiceView = reply.expect_json(200, "a ServiceView")?;
        let wanted = ctx
            .service(&service, &region)
            .expect("listed by the catalogue");
        reply.ensure(
            view.id == wanted.id && view.region == wanted.region,
            format!("{service} resolved to {region}"),
        )?;
        reply.ensure(named(&view.name), "the service named in kk and ru")?;
        reply.ensure(
            view.online == wanted.online,
            format!(
                "online {} (the wizard offers the online application by it)",
                wanted.online
            ),
        )?;
    }
    Ok(())
}

pub async fn single_region_default(ctx: &mut Ctx) -> Checked {
    let Some(service) = ctx
        .catalogue
        .services
        .iter()
        .find(|s| s.variants.len() == 1)
    else {
        return Err(Verdict::Skip(
            "no service of the catalogue is in one region only".into(),
        ));
    };
    let (id, region) = (service.id.clone(), service.variants[0].region().clone());
    let reply = ctx
        .send(Call::get(format!("/services/{id}")).note("no region: the service is in one"))
        .await?;
    let view: ServiceView = reply.expect_json(200, "a ServiceView")?;
    reply.ensure(view.region == region, format!("{id} resolved to {region}"))?;
    Ok(())
}

pub async fn region_required(ctx: &mut Ctx) -> Checked {
    let Some(service) = ctx.catalogue.services.iter().find(|s| s.variants.len() > 1) else {
        return Err(Verdict::Skip(
            "no service of the catalogue is in several regions".into(),
        ));
    };
    let id = service.id.clone();
    let reply = ctx
        .send(Call::get(format!("/services/{id}")).note("no region: the service is in several"))
        .await?;
    reply.expect_field_error("query.region", "region_required")?;
    Ok(())
}

pub async fn unknown_region(ctx: &mut Ctx) -> Checked {
    let reply = ctx.send(Call::get("/services?region=atlantis")).await?;
    reply.expect_problem(404, "unknown_region")?;
    Ok(())
}

pub async fn unknown_service(ctx: &mut Ctx) -> Checked {
    let region = ctx.catalogue.regions[0].id.clone();
    let reply = ctx
        .send(Call::get(format!(
            "/services/teleportation?region={region}"
        )))
        .await?;
    reply.expect_problem(404, "unknown_service")?;
    Ok(())
}

pub async fn service_not_in_region(ctx: &mut Ctx) -> Checked {
    let catalogue = ctx.catalogue;
    let pair = catalogue.services.iter().find_map(|s| {
        catalogue
            .regions
            .iter()
            .find(|r| s.variant(&r.id).is_none())
            .map(|r| (s.id.clone(), r.id.clone()))
    });
    let Some((id, region)) = pair else {
        return Err(Verdict::Skip(
            "every service of the catalogue is in every region".into(),
        ));
    };
    let reply = ctx
        .send(Call::get(format!("/services/{id}?region={region}")))
        .await?;
    reply.expect_problem(404, "service_not_in_region")?;
    Ok(())
}
