package cn.mailbox.portal.security;

import java.security.Principal;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Staff")
class StaffApi {

	@GetMapping("/api/v1/staff/me")
	@Operation(summary = "The signed-in staff member and their roles")
	Mono<Me> me(Mono<Principal> principal) {
		return principal.cast(Authentication.class)
			.map((auth) -> new Me(auth.getName(),
					auth.getAuthorities()
						.stream()
						.map(GrantedAuthority::getAuthority)
						.map((role) -> role.replaceFirst("^ROLE_", "").toLowerCase(java.util.Locale.ROOT))
						.toList()));
	}

	record Me(String username, List<String> roles) {
	}

}
