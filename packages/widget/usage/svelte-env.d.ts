// Registers <itb-booking> for svelte-check (the README's snippet).
import type {} from '@itb/widget/svelte';
