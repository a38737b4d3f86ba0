// Loaded first (a classic script, so it runs before any module) by test pages that set a CSP:
// records every violation the page reports from the very start, widget set-up included.
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`);
}, true);
