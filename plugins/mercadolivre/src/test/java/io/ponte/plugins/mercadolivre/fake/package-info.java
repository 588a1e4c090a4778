/** A local fake of the Mercado Livre API ({@link io.ponte.plugins.mercadolivre.fake.FakeMercadoLivre}). */
package io.ponte.plugins.mercadolivre.fake;
