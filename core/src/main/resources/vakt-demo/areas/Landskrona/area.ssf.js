// ServerSideFunction code of the area Landskrona, callable as accounts.Demo.services.ssf.execute.
function siteInfo(kwargs, callInfo) {
  return { site: "Landskrona office", path: callInfo.path };
}
return { siteInfo };
