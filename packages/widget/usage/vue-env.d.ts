// Registers <itb-booking> for Vue's type checking (the README's snippet).
import type {} from '@itb/widget/vue';
